using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AutoIF.Core.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class MultiConstraintPrompts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ConstraintCompatibilities",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RunId = table.Column<int>(type: "INTEGER", nullable: false),
                    FirstInstructionId = table.Column<int>(type: "INTEGER", nullable: false),
                    SecondInstructionId = table.Column<int>(type: "INTEGER", nullable: false),
                    Compatible = table.Column<bool>(type: "INTEGER", nullable: false),
                    Evidence = table.Column<int>(type: "INTEGER", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", nullable: false),
                    LlmCallId = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConstraintCompatibilities", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ConstraintCompatibilities_Instructions_FirstInstructionId",
                        column: x => x.FirstInstructionId,
                        principalTable: "Instructions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ConstraintCompatibilities_Instructions_SecondInstructionId",
                        column: x => x.SecondInstructionId,
                        principalTable: "Instructions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ConstraintCompatibilities_Runs_RunId",
                        column: x => x.RunId,
                        principalTable: "Runs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ConstraintResults",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RunId = table.Column<int>(type: "INTEGER", nullable: false),
                    ResponseId = table.Column<long>(type: "INTEGER", nullable: false),
                    InstructionId = table.Column<int>(type: "INTEGER", nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    Accuracy = table.Column<double>(type: "REAL", nullable: false),
                    Passed = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConstraintResults", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ConstraintResults_Instructions_InstructionId",
                        column: x => x.InstructionId,
                        principalTable: "Instructions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ConstraintResults_Responses_ResponseId",
                        column: x => x.ResponseId,
                        principalTable: "Responses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PromptConstraints",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RunId = table.Column<int>(type: "INTEGER", nullable: false),
                    PromptId = table.Column<int>(type: "INTEGER", nullable: false),
                    InstructionId = table.Column<int>(type: "INTEGER", nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PromptConstraints", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PromptConstraints_ComposedPrompts_PromptId",
                        column: x => x.PromptId,
                        principalTable: "ComposedPrompts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_PromptConstraints_Instructions_InstructionId",
                        column: x => x.InstructionId,
                        principalTable: "Instructions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ConstraintCompatibilities_FirstInstructionId",
                table: "ConstraintCompatibilities",
                column: "FirstInstructionId");

            migrationBuilder.CreateIndex(
                name: "IX_ConstraintCompatibilities_RunId_FirstInstructionId_SecondInstructionId",
                table: "ConstraintCompatibilities",
                columns: new[] { "RunId", "FirstInstructionId", "SecondInstructionId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ConstraintCompatibilities_SecondInstructionId",
                table: "ConstraintCompatibilities",
                column: "SecondInstructionId");

            migrationBuilder.CreateIndex(
                name: "IX_ConstraintResults_InstructionId_Passed",
                table: "ConstraintResults",
                columns: new[] { "InstructionId", "Passed" });

            migrationBuilder.CreateIndex(
                name: "IX_ConstraintResults_ResponseId_Position",
                table: "ConstraintResults",
                columns: new[] { "ResponseId", "Position" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PromptConstraints_InstructionId",
                table: "PromptConstraints",
                column: "InstructionId");

            migrationBuilder.CreateIndex(
                name: "IX_PromptConstraints_PromptId_Position",
                table: "PromptConstraints",
                columns: new[] { "PromptId", "Position" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ConstraintCompatibilities");

            migrationBuilder.DropTable(
                name: "ConstraintResults");

            migrationBuilder.DropTable(
                name: "PromptConstraints");
        }
    }
}
