extension DataTable {
  /// Several tables as one: the union of their entities (in order of first appearance) and
  /// periods (ascending), with each variable renamed `prefix.variable`.
  ///
  /// A methodology may read several data sources; the engine sees one table whose columns
  /// are qualified by the source's name (`ai.arena_elo`, `undp.le`). Group labels merge too;
  /// the first source to give an entity a name or a group wins.
  public static func merging(_ sources: [(prefix: String, table: DataTable)]) -> DataTable {
    if sources.count == 1, let only = sources.first {
      var table = only.table
      table.variables = table.variables.map { only.prefix + "." + $0 }
      return table
    }
    var entities: [Entity] = []
    var entityIndex: [String: Int] = [:]
    var periodSet = Set<Int>()
    for (_, table) in sources {
      periodSet.formUnion(table.periods)
      for entity in table.entities {
        if let existing = entityIndex[entity.code] {
          if entities[existing].name == entities[existing].code {
            entities[existing].name = entity.name
          }
          entities[existing].groups.merge(entity.groups) { first, _ in first }
        } else {
          entityIndex[entity.code] = entities.count
          entities.append(entity)
        }
      }
    }
    let periods = periodSet.sorted()
    var merged = DataTable(entities: entities, periods: periods)
    for (prefix, table) in sources {
      let entityMap = table.entities.map { entityIndex[$0.code] ?? 0 }
      let periodMap = table.periods.map { periods.firstIndex(of: $0) ?? 0 }
      let n = table.entities.count
      for (v, name) in table.variables.enumerated() {
        var column = [Double](repeating: .nan, count: entities.count * periods.count)
        let source = table.columns[v]
        for (p, target) in periodMap.enumerated() {
          for e in 0..<n {
            column[target * entities.count + entityMap[e]] = source[p * n + e]
          }
        }
        merged.append(variable: prefix + "." + name, values: column)
      }
    }
    return merged
  }
}
