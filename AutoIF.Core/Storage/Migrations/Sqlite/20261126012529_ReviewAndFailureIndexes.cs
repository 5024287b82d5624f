using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AutoIF.Core.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ReviewAndFailureIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Verdicts_VerifierId",
                table: "Verdicts");

            migrationBuilder.CreateIndex(
                name: "IX_Verdicts_VerifierId_Kind",
                table: "Verdicts",
                columns: new[] { "VerifierId", "Kind" });

            migrationBuilder.CreateIndex(
                name: "IX_Reviews_RunId_Target_TargetId_Id",
                table: "Reviews",
                columns: new[] { "RunId", "Target", "TargetId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Responses_InstructionId_Id",
                table: "Responses",
                columns: new[] { "InstructionId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_CaseResults_VerifierId_Verdict",
                table: "CaseResults",
                columns: new[] { "VerifierId", "Verdict" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Verdicts_VerifierId_Kind",
                table: "Verdicts");

            migrationBuilder.DropIndex(
                name: "IX_Reviews_RunId_Target_TargetId_Id",
                table: "Reviews");

            migrationBuilder.DropIndex(
                name: "IX_Responses_InstructionId_Id",
                table: "Responses");

            migrationBuilder.DropIndex(
                name: "IX_CaseResults_VerifierId_Verdict",
                table: "CaseResults");

            migrationBuilder.CreateIndex(
                name: "IX_Verdicts_VerifierId",
                table: "Verdicts",
                column: "VerifierId");
        }
    }
}
