using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AutoIF.Core.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ScriptsProfile : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ExpectedJson",
                table: "TestCases",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AlterColumn<double>(
                name: "JudgeScore",
                table: "Responses",
                type: "REAL",
                nullable: true,
                oldClrType: typeof(int),
                oldType: "INTEGER",
                oldNullable: true);

            migrationBuilder.AddColumn<long>(
                name: "DuplicateOfId",
                table: "Responses",
                type: "INTEGER",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ExpectedJson",
                table: "TestCases");

            migrationBuilder.DropColumn(
                name: "DuplicateOfId",
                table: "Responses");

            migrationBuilder.AlterColumn<int>(
                name: "JudgeScore",
                table: "Responses",
                type: "INTEGER",
                nullable: true,
                oldClrType: typeof(double),
                oldType: "REAL",
                oldNullable: true);
        }
    }
}
