using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AutoIF.Core.Storage.Migrations.Postgres
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
                type: "text",
                nullable: true);

            migrationBuilder.AlterColumn<double>(
                name: "JudgeScore",
                table: "Responses",
                type: "double precision",
                nullable: true,
                oldClrType: typeof(int),
                oldType: "integer",
                oldNullable: true);

            migrationBuilder.AddColumn<long>(
                name: "DuplicateOfId",
                table: "Responses",
                type: "bigint",
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
                type: "integer",
                nullable: true,
                oldClrType: typeof(double),
                oldType: "double precision",
                oldNullable: true);
        }
    }
}
