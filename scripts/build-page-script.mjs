// Type-checks the report page's script (reports/page/browser/, tsconfig.page.json: DOM, no Node)
// and emits only that file, to dist/reports/page/browser/page-script.js, which every report
// inlines. Plain `tsc -p tsconfig.page.json` would also emit the chart-spec modules its types come
// from, with the page's target, over the harness's own build of them.
import ts from 'typescript';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const configPath = resolve(root, 'tsconfig.page.json');
const source = resolve(root, 'reports/page/browser/page-script.ts');

const host = { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => fail([d]) };
const config = ts.getParsedCommandLineOfConfigFile(configPath, {}, host);
if (config === undefined) fail([]);
if (config.errors.length > 0) fail(config.errors);
const program = ts.createProgram({ rootNames: config.fileNames, options: config.options });
const file = program.getSourceFile(source);
if (file === undefined) fail([], `${source} is not in ${configPath}`);
const diagnostics = ts.getPreEmitDiagnostics(program);
if (diagnostics.length > 0) fail(diagnostics);
const emitted = program.emit(file);
if (emitted.emitSkipped || emitted.diagnostics.length > 0) fail(emitted.diagnostics, 'the page script was not emitted');

function fail(diagnostics, message = 'the report page script does not type-check') {
  const text = ts.formatDiagnostics(diagnostics, { getCanonicalFileName: (f) => f, getCurrentDirectory: () => root, getNewLine: () => '\n' });
  process.stderr.write(`${text}vmbench build: ${message} (tsconfig.page.json)\n`);
  process.exit(1);
}
