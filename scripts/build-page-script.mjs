// Type-checks the report page's script (reports/page/browser/, tsconfig.page.json: DOM, no Node)
// with the modules it imports, and links them into one classic script,
// dist/reports/page/browser/page-script.js, which every report inlines (an inline script element
// is not a module). The page imports its number formatters from the harness and the report
// instead of copying them, so each exists once. Plain `tsc -p tsconfig.page.json` would emit
// ES modules, and emit the imported modules with the page's target over the harness's own build.
//
// The link step is a deliberately small bundler built on the TypeScript compiler's own emit, so
// the output is deterministic and needs no bundler dependency:
// - each module the page imports (relative imports of values, followed transitively; type-only
//   imports are elided by the compiler and never linked) is emitted with the page's options, and
//   an AST transformer drops its `export` keywords and collects the exported names;
// - a module is wrapped in a function returning those names, `const m_<path> = (function () {
//   … return { … }; })();`, so its private names (each module's DASH) cannot collide;
// - an import becomes `const { name, other: alias } = m_<path>;`;
// - modules precede their importers, in the order first imported, and the whole is one IIFE, so
//   no name leaks into the page's global scope. No tree shaking: a linked module is included whole.
// Unsupported forms (default or namespace imports, `export … from`, `export default`, import
// cycles, anything outside this repository) stop the build with a message.
import ts from 'typescript';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const configPath = resolve(root, 'tsconfig.page.json');
const source = resolve(root, 'reports/page/browser/page-script.ts');
const output = resolve(root, 'dist/reports/page/browser/page-script.js');

const host = { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => fail([d]) };
const config = ts.getParsedCommandLineOfConfigFile(configPath, {}, host);
if (config === undefined) fail([]);
if (config.errors.length > 0) fail(config.errors);
const program = ts.createProgram({ rootNames: config.fileNames, options: config.options });
const entry = program.getSourceFile(source);
if (entry === undefined) fail([], `${source} is not in ${configPath}`);
const diagnostics = ts.getPreEmitDiagnostics(program);
if (diagnostics.length > 0) fail(diagnostics);
mkdirSync(dirname(output), { recursive: true });
writeFileSync(output, link(entry));

/** The page script and every module it imports, as one classic script's text. */
function link(entryFile) {
  const linked = new Map(); // file name → its module's wrapper variable, once emitted
  const visiting = new Set();
  const chunks = [];
  const emitFile = (file) => {
    if (visiting.has(file.fileName)) fail([], `import cycle through ${rel(file.fileName)}`);
    visiting.add(file.fileName);
    const { js, imports, exports } = emitModule(file);
    for (const dependency of imports) if (!linked.has(dependency.fileName)) emitFile(dependency);
    visiting.delete(file.fileName);
    const name = wrapperName(file.fileName);
    if ([...linked.values()].includes(name)) fail([], `two modules would both be linked as ${name}`);
    linked.set(file.fileName, name);
    if (file === entryFile) {
      if (exports.length > 0)
        fail([], `${rel(file.fileName)} exports ${exports.map((e) => e.exported).join(', ')}: the page script is a classic script`);
      chunks.push(js);
    } else {
      const returned = exports.map((e) => (e.exported === e.local ? e.local : `${e.exported}: ${e.local}`)).join(', ');
      chunks.push(`// ${rel(file.fileName)}\nconst ${name} = (function () {\n${js}return { ${returned} };\n})();\n`);
    }
  };
  emitFile(entryFile);
  return `// Linked by scripts/build-page-script.mjs: ${rel(entryFile.fileName)} and the modules it imports.\n(function () {\n'use strict';\n${chunks.join('')}})();\n`;
}

/** One file as JavaScript with its imports turned into reads of linked modules and its `export`s dropped. */
function emitModule(file) {
  const imports = [];
  const exports = [];
  let js;
  const emitted = program.emit(
    file,
    (_name, text) => {
      js = text;
    },
    undefined,
    false,
    { after: [unexport(file, imports, exports)] },
  );
  if (emitted.emitSkipped || emitted.diagnostics.length > 0 || js === undefined)
    fail(emitted.diagnostics, `${rel(file.fileName)} was not emitted`);
  return { js, imports, exports };
}

/**
 * Runs after the compiler's own transforms, so type-only imports are gone already. Collects the
 * files imported (`imports`) and the names exported as { exported, local } (`exports`).
 */
function unexport(file, imports, exports) {
  return (context) => (sourceFile) => {
    const f = context.factory;
    const where = rel(file.fileName);
    const statements = [];
    for (const statement of sourceFile.statements) {
      if (ts.isImportDeclaration(statement)) {
        const imported = resolveImport(file, statement.moduleSpecifier.text);
        const bindings = statement.importClause?.namedBindings;
        if (statement.importClause?.name || !bindings || !ts.isNamedImports(bindings)) {
          fail([], `${where}: only named imports can be linked (import { a, b as c } from '${statement.moduleSpecifier.text}')`);
        }
        imports.push(imported);
        const pattern = f.createObjectBindingPattern(
          bindings.elements.map((e) => f.createBindingElement(undefined, e.propertyName, e.name)),
        );
        const read = f.createVariableStatement(
          undefined,
          f.createVariableDeclarationList(
            [f.createVariableDeclaration(pattern, undefined, undefined, f.createIdentifier(wrapperName(imported.fileName)))],
            ts.NodeFlags.Const,
          ),
        );
        statements.push(ts.setTextRange(read, statement));
      } else if (ts.isExportDeclaration(statement)) {
        // `export { a, b as c };` (the compiler also adds `export {};` to a module with no exports left).
        if (statement.moduleSpecifier || !statement.exportClause || !ts.isNamedExports(statement.exportClause)) {
          fail([], `${where}: only \`export { a, b as c }\` of local names can be linked, not \`export … from\``);
        }
        for (const e of statement.exportClause.elements) exports.push({ exported: e.name.text, local: (e.propertyName ?? e.name).text });
      } else if (ts.isExportAssignment(statement)) {
        fail([], `${where}: \`export default\` / \`export =\` cannot be linked`);
      } else if (ts.canHaveModifiers(statement) && ts.getModifiers(statement)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) {
        statements.push(withoutExport(f, statement, where, exports));
      } else {
        statements.push(statement);
      }
    }
    return f.updateSourceFile(sourceFile, statements);
  };
}

function withoutExport(f, statement, where, exports) {
  const modifiers = ts.getModifiers(statement);
  if (modifiers.some((m) => m.kind === ts.SyntaxKind.DefaultKeyword)) fail([], `${where}: \`export default\` cannot be linked`);
  const kept = modifiers.filter((m) => m.kind !== ts.SyntaxKind.ExportKeyword);
  const s = statement;
  if (ts.isFunctionDeclaration(s) && s.name) {
    exports.push({ exported: s.name.text, local: s.name.text });
    return f.updateFunctionDeclaration(s, kept, s.asteriskToken, s.name, s.typeParameters, s.parameters, s.type, s.body);
  }
  if (ts.isClassDeclaration(s) && s.name) {
    exports.push({ exported: s.name.text, local: s.name.text });
    return f.updateClassDeclaration(s, kept, s.name, s.typeParameters, s.heritageClauses, s.members);
  }
  if (ts.isVariableStatement(s)) {
    for (const d of s.declarationList.declarations) {
      if (!ts.isIdentifier(d.name)) fail([], `${where}: exported destructuring cannot be linked`);
      exports.push({ exported: d.name.text, local: d.name.text });
    }
    return f.updateVariableStatement(s, kept, s.declarationList);
  }
  fail([], `${where}: cannot link an exported ${ts.SyntaxKind[s.kind]}`);
}

/** The repository's TypeScript file a relative import names (it is in the program: it was type-checked). */
function resolveImport(file, specifier) {
  const resolved = ts.resolveModuleName(specifier, file.fileName, program.getCompilerOptions(), ts.sys).resolvedModule;
  const target = resolved && !resolved.isExternalLibraryImport ? program.getSourceFile(resolved.resolvedFileName) : undefined;
  if (!specifier.startsWith('.') || target === undefined || target.isDeclarationFile) {
    fail([], `${rel(file.fileName)} imports '${specifier}': the page can link only the repository's own TypeScript modules`);
  }
  return target;
}

/** m_harness_format_duration for harness/format-duration.ts. */
function wrapperName(fileName) {
  return (
    'm_' +
    rel(fileName)
      .replace(/\.ts$/, '')
      .replace(/[^A-Za-z0-9]/g, '_')
  );
}

function rel(fileName) {
  return relative(root, fileName);
}

function fail(diagnostics, message = 'the report page script does not type-check') {
  const text = ts.formatDiagnostics(diagnostics, {
    getCanonicalFileName: (f) => f,
    getCurrentDirectory: () => root,
    getNewLine: () => '\n',
  });
  process.stderr.write(`${text}vmbench build: ${message} (tsconfig.page.json)\n`);
  process.exit(1);
}
