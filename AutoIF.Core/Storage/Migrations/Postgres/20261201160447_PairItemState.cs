using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AutoIF.Core.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class PairItemState : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "DropReason",
                table: "DpoPairs",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DropReasonArgs",
                table: "DpoPairs",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DropReasonCode",
                table: "DpoPairs",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "DropStage",
                table: "DpoPairs",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ReviewState",
                table: "DpoPairs",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            // Pairs built before they had a state were all kept (the builder stores only pairs that pass): ItemStatus.Kept = 1.
            migrationBuilder.AddColumn<int>(
                name: "Status",
                table: "DpoPairs",
                type: "integer",
                nullable: false,
                defaultValue: 1);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "DropReason",
                table: "DpoPairs");

            migrationBuilder.DropColumn(
                name: "DropReasonArgs",
                table: "DpoPairs");

            migrationBuilder.DropColumn(
                name: "DropReasonCode",
                table: "DpoPairs");

            migrationBuilder.DropColumn(
                name: "DropStage",
                table: "DpoPairs");

            migrationBuilder.DropColumn(
                name: "ReviewState",
                table: "DpoPairs");

            migrationBuilder.DropColumn(
                name: "Status",
                table: "DpoPairs");
        }
    }
}
