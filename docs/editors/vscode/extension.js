// The idx extension: the grammar and language configuration work on their own; the language
// server (`idx lsp`) starts when the folder has `vscode-languageclient` installed
// (`npm install vscode-languageclient@9` in this folder). See docs/editors.md.
const vscode = require("vscode");

let client;

function activate(context) {
  let languageClient;
  try {
    languageClient = require("vscode-languageclient/node");
  } catch (error) {
    console.log("idx: vscode-languageclient is not installed; highlighting only");
    return;
  }
  const command = vscode.workspace.getConfiguration("idx").get("path", "idx");
  const serverOptions = { command, args: ["lsp"] };
  const clientOptions = { documentSelector: [{ scheme: "file", language: "idx" }] };
  client = new languageClient.LanguageClient("idx", "idx language server", serverOptions, clientOptions);
  client.start();
  context.subscriptions.push({ dispose: () => client && client.stop() });
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
