using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AutoIF.Core.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AddSeedSets : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_SeedInstructions_Text",
                table: "SeedInstructions");

            migrationBuilder.AddColumn<string>(
                name: "Set",
                table: "SeedInstructions",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                defaultValue: AutoIF.Core.Seeds.SeedSets.IfEvalTypes);

            migrationBuilder.CreateIndex(
                name: "IX_SeedInstructions_Set_Text",
                table: "SeedInstructions",
                columns: new[] { "Set", "Text" },
                unique: true);

            SeedSetUpgrade.AddDefaultSet(migrationBuilder, "now()");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            SeedSetUpgrade.RemoveSets(migrationBuilder);

            migrationBuilder.DropIndex(
                name: "IX_SeedInstructions_Set_Text",
                table: "SeedInstructions");

            migrationBuilder.DropColumn(
                name: "Set",
                table: "SeedInstructions");

            migrationBuilder.CreateIndex(
                name: "IX_SeedInstructions_Text",
                table: "SeedInstructions",
                column: "Text",
                unique: true);
        }
    }
}
