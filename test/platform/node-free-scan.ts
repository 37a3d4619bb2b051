/** Finds what ties a source file to Node: node: or builtin-module imports, and the Buffer / process / require globals. */
import { builtinModules } from 'node:module';
import ts from 'typescript';

const BUILTINS = new Set(builtinModules);
const NODE_GLOBALS = new Set(['Buffer', 'process', 'require', '__dirname', '__filename', 'global']);

/** One place a file depends on Node. */
export interface NodeUse {
  line: number;
  what: string;
}

/** The module specifiers a file imports or re-exports (static and dynamic `import()`). */
export function importSpecifiers(source: ts.SourceFile): string[] {
  const out: string[] = [];
  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      out.push(node.moduleSpecifier.text);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0] && ts.isStringLiteral(node.arguments[0])) {
      out.push(node.arguments[0].text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

/** Whether `node` is only a property's or member's name (`x.process`, `{ process: 1 }`), not a use of the global. */
function isMemberName(node: ts.Identifier): boolean {
  const p = node.parent;
  return (
    ((ts.isPropertyAccessExpression(p) || ts.isPropertyAssignment(p) || ts.isPropertyDeclaration(p) || ts.isPropertySignature(p) ||
      ts.isMethodDeclaration(p) || ts.isMethodSignature(p) || ts.isGetAccessor(p) || ts.isSetAccessor(p)) &&
      p.name === node) ||
    (ts.isQualifiedName(p) && p.right === node)
  );
}

/** Every Node dependency in `text` (a TypeScript or JavaScript module named `fileName`). */
export function findNodeUses(fileName: string, text: string): NodeUse[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.ES2022, true);
  const uses: NodeUse[] = [];
  const lineOf = (node: ts.Node): number => source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
  const visit = (node: ts.Node): void => {
    const spec =
      (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)
        ? node.moduleSpecifier.text
        : ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0] && ts.isStringLiteral(node.arguments[0])
          ? node.arguments[0].text
          : null;
    if (spec !== null && (spec.startsWith('node:') || BUILTINS.has(spec.split('/')[0]))) uses.push({ line: lineOf(node), what: `imports ${spec}` });
    if (ts.isIdentifier(node) && NODE_GLOBALS.has(node.text) && !isMemberName(node)) uses.push({ line: lineOf(node), what: `uses ${node.text}` });
    ts.forEachChild(node, visit);
  };
  visit(source);
  return uses;
}
