using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AutoIF.Core.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class DropReasonCodes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "DropReasonArgs",
                table: "Verifiers",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DropReasonCode",
                table: "Verifiers",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DropReasonArgs",
                table: "TestCases",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DropReasonCode",
                table: "TestCases",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DropReasonArgs",
                table: "Responses",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DropReasonCode",
                table: "Responses",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DropReasonArgs",
                table: "Queries",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DropReasonCode",
                table: "Queries",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DropReasonArgs",
                table: "Instructions",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DropReasonCode",
                table: "Instructions",
                type: "text",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "DropReasonArgs",
                table: "Verifiers");

            migrationBuilder.DropColumn(
                name: "DropReasonCode",
                table: "Verifiers");

            migrationBuilder.DropColumn(
                name: "DropReasonArgs",
                table: "TestCases");

            migrationBuilder.DropColumn(
                name: "DropReasonCode",
                table: "TestCases");

            migrationBuilder.DropColumn(
                name: "DropReasonArgs",
                table: "Responses");

            migrationBuilder.DropColumn(
                name: "DropReasonCode",
                table: "Responses");

            migrationBuilder.DropColumn(
                name: "DropReasonArgs",
                table: "Queries");

            migrationBuilder.DropColumn(
                name: "DropReasonCode",
                table: "Queries");

            migrationBuilder.DropColumn(
                name: "DropReasonArgs",
                table: "Instructions");

            migrationBuilder.DropColumn(
                name: "DropReasonCode",
                table: "Instructions");
        }
    }
}
