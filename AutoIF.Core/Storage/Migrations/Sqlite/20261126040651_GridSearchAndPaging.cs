using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AutoIF.Core.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class GridSearchAndPaging : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Instructions_RunId_Id",
                table: "Instructions",
                columns: new[] { "RunId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Instructions_RunId_Status_PassRate_Id",
                table: "Instructions",
                columns: new[] { "RunId", "Status", "PassRate", "Id" });

            // Full-text search over the instruction text: an FTS5 index whose content is the Instructions table itself
            // (nothing stored twice), kept in step by triggers, so every writer (stages, imports, raw SQL) is covered.
            // A later migration that rebuilds the Instructions table (EF does for some column changes on SQLite) drops
            // these triggers and must recreate them and 'rebuild' the index.
            migrationBuilder.Sql(
                """
                CREATE VIRTUAL TABLE "InstructionSearch" USING fts5("Text", content='Instructions', content_rowid='Id', tokenize='unicode61 remove_diacritics 2');
                """);
            migrationBuilder.Sql(
                """
                INSERT INTO "InstructionSearch"("InstructionSearch") VALUES ('rebuild');
                """);
            migrationBuilder.Sql(
                """
                CREATE TRIGGER "Instructions_SearchInsert" AFTER INSERT ON "Instructions" BEGIN
                    INSERT INTO "InstructionSearch"(rowid, "Text") VALUES (new."Id", new."Text");
                END;
                """);
            migrationBuilder.Sql(
                """
                CREATE TRIGGER "Instructions_SearchDelete" AFTER DELETE ON "Instructions" BEGIN
                    INSERT INTO "InstructionSearch"("InstructionSearch", rowid, "Text") VALUES ('delete', old."Id", old."Text");
                END;
                """);
            migrationBuilder.Sql(
                """
                CREATE TRIGGER "Instructions_SearchUpdate" AFTER UPDATE OF "Text" ON "Instructions" BEGIN
                    INSERT INTO "InstructionSearch"("InstructionSearch", rowid, "Text") VALUES ('delete', old."Id", old."Text");
                    INSERT INTO "InstructionSearch"(rowid, "Text") VALUES (new."Id", new."Text");
                END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "Instructions_SearchUpdate";""");
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "Instructions_SearchDelete";""");
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "Instructions_SearchInsert";""");
            migrationBuilder.Sql("""DROP TABLE IF EXISTS "InstructionSearch";""");

            migrationBuilder.DropIndex(
                name: "IX_Instructions_RunId_Id",
                table: "Instructions");

            migrationBuilder.DropIndex(
                name: "IX_Instructions_RunId_Status_PassRate_Id",
                table: "Instructions");
        }
    }
}
