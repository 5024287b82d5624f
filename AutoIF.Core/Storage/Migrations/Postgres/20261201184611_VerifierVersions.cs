using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace AutoIF.Core.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class VerifierVersions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Verifiers_InstructionId_SourceHash",
                table: "Verifiers");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "CreatedAt",
                table: "Verifiers",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Note",
                table: "Verifiers",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "SelfTest",
                table: "Verifiers",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "SelfTestEvidence",
                table: "Verifiers",
                type: "text",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Reverifications",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RunId = table.Column<int>(type: "integer", nullable: false),
                    InstructionId = table.Column<int>(type: "integer", nullable: true),
                    State = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    FinishedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Error = table.Column<string>(type: "text", nullable: true),
                    Diff = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Reverifications", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Reverifications_Runs_RunId",
                        column: x => x.RunId,
                        principalTable: "Runs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Verifiers_InstructionId_SourceHash_Version",
                table: "Verifiers",
                columns: new[] { "InstructionId", "SourceHash", "Version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Reverifications_RunId_Id",
                table: "Reverifications",
                columns: new[] { "RunId", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Reverifications");

            migrationBuilder.DropIndex(
                name: "IX_Verifiers_InstructionId_SourceHash_Version",
                table: "Verifiers");

            migrationBuilder.DropColumn(
                name: "CreatedAt",
                table: "Verifiers");

            migrationBuilder.DropColumn(
                name: "Note",
                table: "Verifiers");

            migrationBuilder.DropColumn(
                name: "SelfTest",
                table: "Verifiers");

            migrationBuilder.DropColumn(
                name: "SelfTestEvidence",
                table: "Verifiers");

            migrationBuilder.CreateIndex(
                name: "IX_Verifiers_InstructionId_SourceHash",
                table: "Verifiers",
                columns: new[] { "InstructionId", "SourceHash" },
                unique: true);
        }
    }
}
