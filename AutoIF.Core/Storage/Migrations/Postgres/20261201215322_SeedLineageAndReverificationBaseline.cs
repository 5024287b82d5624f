using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AutoIF.Core.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class SeedLineageAndReverificationBaseline : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "InstructionSeeds",
                columns: table => new
                {
                    InstructionId = table.Column<int>(type: "integer", nullable: false),
                    SeedInstructionId = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InstructionSeeds", x => new { x.InstructionId, x.SeedInstructionId });
                    table.ForeignKey(
                        name: "FK_InstructionSeeds_Instructions_InstructionId",
                        column: x => x.InstructionId,
                        principalTable: "Instructions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_InstructionSeeds_Instructions_SeedInstructionId",
                        column: x => x.SeedInstructionId,
                        principalTable: "Instructions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ReverificationVerdicts",
                columns: table => new
                {
                    ReverificationId = table.Column<int>(type: "integer", nullable: false),
                    ResponseId = table.Column<long>(type: "bigint", nullable: false),
                    Lineage = table.Column<int>(type: "integer", nullable: false),
                    VerifierId = table.Column<int>(type: "integer", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    Kind = table.Column<byte>(type: "smallint", nullable: false),
                    Detail = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReverificationVerdicts", x => new { x.ReverificationId, x.ResponseId, x.Lineage });
                    table.ForeignKey(
                        name: "FK_ReverificationVerdicts_Reverifications_ReverificationId",
                        column: x => x.ReverificationId,
                        principalTable: "Reverifications",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_InstructionSeeds_SeedInstructionId_InstructionId",
                table: "InstructionSeeds",
                columns: new[] { "SeedInstructionId", "InstructionId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "InstructionSeeds");

            migrationBuilder.DropTable(
                name: "ReverificationVerdicts");
        }
    }
}
