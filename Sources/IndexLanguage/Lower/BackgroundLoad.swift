import Diagnostics
import Dispatch
import ScoringEngine

/// The data of a methodology, read on another thread while the checker runs on this one.
///
/// Reading the data needs only the `data` declarations and the period that rows without a
/// period column are read as (the index's one `period:`), both known once the files are
/// resolved; nothing the checker decides changes them. So `compile` starts the read before
/// checking and takes its result only when checking succeeds, where it would have read the
/// files itself: the same table and the same diagnostics, appended in the same place. When
/// checking fails the result is dropped unseen, as the files were never read before.
///
/// The period is worked out here as the checker does, on an interpreter of its own whose
/// diagnostics are dropped (the checker reports them); should the plan's periods say otherwise,
/// `result(for:)` gives nothing and the caller loads as it did before.
final class BackgroundLoad: @unchecked Sendable {
  private let methodology: Methodology
  private let access: FileAccess
  private let defaultPeriod: Int
  private let done = DispatchSemaphore(value: 0)
  /// Written by the reading thread before it signals `done`; read only after waiting on it.
  private var loaded: (data: LoadedData?, diagnostics: [Diagnostic]) = (nil, [])

  /// Starts reading the data of `methodology`, or returns nil when there is nothing to read
  /// apart: no data declarations, or the data of `reusing` is the data it would read.
  static func start(_ methodology: Methodology, access: FileAccess, reusing: LoadedData?)
    -> BackgroundLoad?
  {
    guard let index = methodology.index, !methodology.data.isEmpty else { return nil }
    var interpreter = Interpreter()
    let periods = index.property("period").flatMap { interpreter.periods($0.value) } ?? []
    let defaultPeriod = LoadedData.defaultPeriod(periods)
    if LoadedData.reuse(reusing, methodology, defaultPeriod: defaultPeriod) != nil { return nil }
    let load = BackgroundLoad(methodology, access: access, defaultPeriod: defaultPeriod)
    DispatchQueue.global().async {
      load.loaded = LoadedData.read(
        load.methodology, defaultPeriod: load.defaultPeriod, access: load.access)
      load.done.signal()
    }
    return load
  }

  private init(_ methodology: Methodology, access: FileAccess, defaultPeriod: Int) {
    self.methodology = methodology
    self.access = access
    self.defaultPeriod = defaultPeriod
  }

  /// The data for `plan`, as `LoadedData.load` gives it, once the read has finished; nil
  /// when the files were read for another default period than the plan's.
  func result(for plan: Plan) -> (data: LoadedData?, diagnostics: [Diagnostic])? {
    done.wait()
    guard LoadedData.defaultPeriod(plan.periods) == defaultPeriod else { return nil }
    return LoadedData.finished(loaded, plan: plan)
  }
}
