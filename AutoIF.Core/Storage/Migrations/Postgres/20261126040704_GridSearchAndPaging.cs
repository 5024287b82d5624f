using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AutoIF.Core.Storage.Migrations.Postgres
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

            // Full-text search over the instruction text: words as the 'simple' configuration splits them (lower-cased,
            // no stemming, no stop words, like SQLite's unicode61), indexed as an expression so the table gains no column.
            // The query must use the same expression: to_tsvector('simple', "Text").
            migrationBuilder.Sql(
                """
                CREATE INDEX "IX_Instructions_TextSearch" ON "Instructions" USING GIN (to_tsvector('simple', "Text"));
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP INDEX IF EXISTS "IX_Instructions_TextSearch";""");

            migrationBuilder.DropIndex(
                name: "IX_Instructions_RunId_Id",
                table: "Instructions");

            migrationBuilder.DropIndex(
                name: "IX_Instructions_RunId_Status_PassRate_Id",
                table: "Instructions");
        }
    }
}
