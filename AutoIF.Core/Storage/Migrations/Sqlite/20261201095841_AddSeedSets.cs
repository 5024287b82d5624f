using System.Globalization;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

#nullable disable

namespace AutoIF.Core.Storage.Migrations.Sqlite
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
                type: "TEXT",
                maxLength: 64,
                nullable: false,
                defaultValue: AutoIF.Core.Seeds.SeedSets.IfEvalTypes);

            migrationBuilder.CreateIndex(
                name: "IX_SeedInstructions_Set_Text",
                table: "SeedInstructions",
                columns: new[] { "Set", "Text" },
                unique: true);

            // SQLite keeps DateTimeOffset as DateTimeOffsetToBinaryConverter's integer (AutoIfDbContext.ConfigureConventions).
            var now = (long)new DateTimeOffsetToBinaryConverter().ConvertToProvider(DateTimeOffset.UtcNow)!;
            SeedSetUpgrade.AddDefaultSet(migrationBuilder, now.ToString(CultureInfo.InvariantCulture));
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
