using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AutoIF.Core.Storage.Migrations.Sqlite
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

            migrationBuilder.AddColumn<long>(
                name: "CreatedAt",
                table: "Verifiers",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Note",
                table: "Verifiers",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "SelfTest",
                table: "Verifiers",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "SelfTestEvidence",
                table: "Verifiers",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Reverifications",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RunId = table.Column<int>(type: "INTEGER", nullable: false),
                    InstructionId = table.Column<int>(type: "INTEGER", nullable: true),
                    State = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    FinishedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Error = table.Column<string>(type: "TEXT", nullable: true),
                    Diff = table.Column<string>(type: "TEXT", nullable: true)
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
