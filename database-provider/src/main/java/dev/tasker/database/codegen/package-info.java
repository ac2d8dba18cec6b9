/**
 * Build-time support for the schema modules' jOOQ code generation: a throwaway embedded database with one
 * migration set applied ({@link dev.tasker.database.codegen.CodegenDatabase}), and the committed manifest that
 * ties the generated sources to the migrations they came from ({@link dev.tasker.database.codegen.GeneratedSourcesManifest}).
 */
package dev.tasker.database.codegen;
