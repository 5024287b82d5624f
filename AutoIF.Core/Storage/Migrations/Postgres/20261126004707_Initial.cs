using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace AutoIF.Core.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ExportRecords",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RunId = table.Column<int>(type: "integer", nullable: true),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Format = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    FiltersJson = table.Column<string>(type: "text", nullable: true),
                    Rows = table.Column<long>(type: "bigint", nullable: false),
                    FileName = table.Column<string>(type: "text", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ExportRecords", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "LlmCalls",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RequestHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Role = table.Column<int>(type: "integer", nullable: false),
                    Model = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Endpoint = table.Column<string>(type: "text", nullable: true),
                    PromptKind = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    RequestJson = table.Column<string>(type: "text", nullable: false),
                    ParametersJson = table.Column<string>(type: "text", nullable: true),
                    Completion = table.Column<string>(type: "text", nullable: true),
                    FinishReason = table.Column<string>(type: "text", nullable: true),
                    PromptTokens = table.Column<int>(type: "integer", nullable: true),
                    CompletionTokens = table.Column<int>(type: "integer", nullable: true),
                    LatencyMs = table.Column<int>(type: "integer", nullable: false),
                    Error = table.Column<string>(type: "text", nullable: true),
                    ParseFailed = table.Column<bool>(type: "boolean", nullable: false),
                    IsDemo = table.Column<bool>(type: "boolean", nullable: false),
                    RunId = table.Column<int>(type: "integer", nullable: true),
                    Stage = table.Column<int>(type: "integer", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LlmCalls", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Runs",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    Settings = table.Column<string>(type: "text", nullable: false),
                    CurrentStage = table.Column<int>(type: "integer", nullable: true),
                    Error = table.Column<string>(type: "text", nullable: true),
                    IsDemo = table.Column<bool>(type: "boolean", nullable: false),
                    TemplatesJson = table.Column<string>(type: "text", nullable: true),
                    ClonedFromRunId = table.Column<int>(type: "integer", nullable: true),
                    OnlineRounds = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    StartedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    FinishedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    JobId = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Runs", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SeedInstructions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Text = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    IsBuiltIn = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SeedInstructions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Instructions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RunId = table.Column<int>(type: "integer", nullable: false),
                    Text = table.Column<string>(type: "text", nullable: false),
                    TextHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Origin = table.Column<int>(type: "integer", nullable: false),
                    SeedId = table.Column<int>(type: "integer", nullable: true),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    DropStage = table.Column<int>(type: "integer", nullable: true),
                    DropReason = table.Column<string>(type: "text", nullable: true),
                    PassRate = table.Column<double>(type: "double precision", nullable: true),
                    ReviewState = table.Column<int>(type: "integer", nullable: false),
                    IsDemo = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Instructions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Instructions_Runs_RunId",
                        column: x => x.RunId,
                        principalTable: "Runs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Queries",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RunId = table.Column<int>(type: "integer", nullable: false),
                    Text = table.Column<string>(type: "text", nullable: false),
                    TextHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Source = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Length = table.Column<int>(type: "integer", nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    DropReason = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Queries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Queries_Runs_RunId",
                        column: x => x.RunId,
                        principalTable: "Runs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Reviews",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RunId = table.Column<int>(type: "integer", nullable: false),
                    Target = table.Column<int>(type: "integer", nullable: false),
                    TargetId = table.Column<long>(type: "bigint", nullable: false),
                    Decision = table.Column<int>(type: "integer", nullable: false),
                    Note = table.Column<string>(type: "text", nullable: true),
                    Reviewer = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    AutomaticStatus = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Reviews", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Reviews_Runs_RunId",
                        column: x => x.RunId,
                        principalTable: "Runs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "StageProgress",
                columns: table => new
                {
                    RunId = table.Column<int>(type: "integer", nullable: false),
                    Stage = table.Column<int>(type: "integer", nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    Done = table.Column<int>(type: "integer", nullable: false),
                    Total = table.Column<int>(type: "integer", nullable: false),
                    Message = table.Column<string>(type: "text", nullable: true),
                    StartedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    FinishedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Completed = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StageProgress", x => new { x.RunId, x.Stage });
                    table.ForeignKey(
                        name: "FK_StageProgress_Runs_RunId",
                        column: x => x.RunId,
                        principalTable: "Runs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "DpoPairs",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RunId = table.Column<int>(type: "integer", nullable: false),
                    InstructionId = table.Column<int>(type: "integer", nullable: false),
                    Level = table.Column<int>(type: "integer", nullable: false),
                    PromptId = table.Column<int>(type: "integer", nullable: true),
                    ChosenResponseId = table.Column<long>(type: "bigint", nullable: true),
                    RejectedResponseId = table.Column<long>(type: "bigint", nullable: true),
                    ChosenCaseId = table.Column<int>(type: "integer", nullable: true),
                    RejectedCaseId = table.Column<int>(type: "integer", nullable: true),
                    ChosenAccuracy = table.Column<double>(type: "double precision", nullable: false),
                    RejectedAccuracy = table.Column<double>(type: "double precision", nullable: false),
                    Round = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DpoPairs", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DpoPairs_Instructions_InstructionId",
                        column: x => x.InstructionId,
                        principalTable: "Instructions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_DpoPairs_Runs_RunId",
                        column: x => x.RunId,
                        principalTable: "Runs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Verifiers",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RunId = table.Column<int>(type: "integer", nullable: false),
                    InstructionId = table.Column<int>(type: "integer", nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    Source = table.Column<string>(type: "text", nullable: false),
                    SourceHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    PreviousVersionId = table.Column<int>(type: "integer", nullable: true),
                    SampleIndex = table.Column<int>(type: "integer", nullable: false),
                    CompileStatus = table.Column<int>(type: "integer", nullable: false),
                    CompileError = table.Column<string>(type: "text", nullable: true),
                    CaseAccuracy = table.Column<double>(type: "double precision", nullable: true),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    DropStage = table.Column<int>(type: "integer", nullable: true),
                    DropReason = table.Column<string>(type: "text", nullable: true),
                    ReviewState = table.Column<int>(type: "integer", nullable: false),
                    IsDemo = table.Column<bool>(type: "boolean", nullable: false),
                    LlmCallId = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Verifiers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Verifiers_Instructions_InstructionId",
                        column: x => x.InstructionId,
                        principalTable: "Instructions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Verifiers_Verifiers_PreviousVersionId",
                        column: x => x.PreviousVersionId,
                        principalTable: "Verifiers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ComposedPrompts",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RunId = table.Column<int>(type: "integer", nullable: false),
                    InstructionId = table.Column<int>(type: "integer", nullable: false),
                    QueryId = table.Column<int>(type: "integer", nullable: true),
                    Text = table.Column<string>(type: "text", nullable: false),
                    Round = table.Column<int>(type: "integer", nullable: false),
                    IsDemo = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ComposedPrompts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ComposedPrompts_Instructions_InstructionId",
                        column: x => x.InstructionId,
                        principalTable: "Instructions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ComposedPrompts_Queries_QueryId",
                        column: x => x.QueryId,
                        principalTable: "Queries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "BackTranslations",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RunId = table.Column<int>(type: "integer", nullable: false),
                    InstructionId = table.Column<int>(type: "integer", nullable: false),
                    VerifierId = table.Column<int>(type: "integer", nullable: true),
                    Text = table.Column<string>(type: "text", nullable: false),
                    Label = table.Column<int>(type: "integer", nullable: false),
                    LabelRaw = table.Column<string>(type: "text", nullable: true),
                    IsDemo = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BackTranslations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_BackTranslations_Instructions_InstructionId",
                        column: x => x.InstructionId,
                        principalTable: "Instructions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_BackTranslations_Verifiers_VerifierId",
                        column: x => x.VerifierId,
                        principalTable: "Verifiers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "TestCases",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RunId = table.Column<int>(type: "integer", nullable: false),
                    InstructionId = table.Column<int>(type: "integer", nullable: false),
                    Input = table.Column<string>(type: "text", nullable: false),
                    Expected = table.Column<bool>(type: "boolean", nullable: false),
                    IsSelfTest = table.Column<bool>(type: "boolean", nullable: false),
                    Agreement = table.Column<double>(type: "double precision", nullable: true),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    DropReason = table.Column<string>(type: "text", nullable: true),
                    VerifierId = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TestCases", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TestCases_Instructions_InstructionId",
                        column: x => x.InstructionId,
                        principalTable: "Instructions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_TestCases_Verifiers_VerifierId",
                        column: x => x.VerifierId,
                        principalTable: "Verifiers",
                        principalColumn: "Id");
                });

            migrationBuilder.CreateTable(
                name: "Responses",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RunId = table.Column<int>(type: "integer", nullable: false),
                    PromptId = table.Column<int>(type: "integer", nullable: false),
                    InstructionId = table.Column<int>(type: "integer", nullable: false),
                    Text = table.Column<string>(type: "text", nullable: false),
                    TextHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Origin = table.Column<int>(type: "integer", nullable: false),
                    SampleIndex = table.Column<int>(type: "integer", nullable: false),
                    Round = table.Column<int>(type: "integer", nullable: false),
                    Accuracy = table.Column<double>(type: "double precision", nullable: true),
                    JudgeScore = table.Column<int>(type: "integer", nullable: true),
                    JudgeRationale = table.Column<string>(type: "text", nullable: true),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    DropStage = table.Column<int>(type: "integer", nullable: true),
                    DropReason = table.Column<string>(type: "text", nullable: true),
                    ReviewState = table.Column<int>(type: "integer", nullable: false),
                    IsDemo = table.Column<bool>(type: "boolean", nullable: false),
                    LlmCallId = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Responses", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Responses_ComposedPrompts_PromptId",
                        column: x => x.PromptId,
                        principalTable: "ComposedPrompts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Responses_Instructions_InstructionId",
                        column: x => x.InstructionId,
                        principalTable: "Instructions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CaseResults",
                columns: table => new
                {
                    VerifierId = table.Column<int>(type: "integer", nullable: false),
                    TestCaseId = table.Column<int>(type: "integer", nullable: false),
                    Verdict = table.Column<byte>(type: "smallint", nullable: false),
                    Detail = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseResults", x => new { x.VerifierId, x.TestCaseId });
                    table.ForeignKey(
                        name: "FK_CaseResults_TestCases_TestCaseId",
                        column: x => x.TestCaseId,
                        principalTable: "TestCases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_CaseResults_Verifiers_VerifierId",
                        column: x => x.VerifierId,
                        principalTable: "Verifiers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Verdicts",
                columns: table => new
                {
                    VerifierId = table.Column<int>(type: "integer", nullable: false),
                    ResponseId = table.Column<long>(type: "bigint", nullable: false),
                    Kind = table.Column<byte>(type: "smallint", nullable: false),
                    Detail = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Verdicts", x => new { x.ResponseId, x.VerifierId });
                    table.ForeignKey(
                        name: "FK_Verdicts_Responses_ResponseId",
                        column: x => x.ResponseId,
                        principalTable: "Responses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Verdicts_Verifiers_VerifierId",
                        column: x => x.VerifierId,
                        principalTable: "Verifiers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_BackTranslations_InstructionId",
                table: "BackTranslations",
                column: "InstructionId");

            migrationBuilder.CreateIndex(
                name: "IX_BackTranslations_RunId_Label",
                table: "BackTranslations",
                columns: new[] { "RunId", "Label" });

            migrationBuilder.CreateIndex(
                name: "IX_BackTranslations_VerifierId",
                table: "BackTranslations",
                column: "VerifierId");

            migrationBuilder.CreateIndex(
                name: "IX_CaseResults_TestCaseId",
                table: "CaseResults",
                column: "TestCaseId");

            migrationBuilder.CreateIndex(
                name: "IX_ComposedPrompts_InstructionId_QueryId_Round",
                table: "ComposedPrompts",
                columns: new[] { "InstructionId", "QueryId", "Round" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ComposedPrompts_QueryId",
                table: "ComposedPrompts",
                column: "QueryId");

            migrationBuilder.CreateIndex(
                name: "IX_ComposedPrompts_RunId_Round",
                table: "ComposedPrompts",
                columns: new[] { "RunId", "Round" });

            migrationBuilder.CreateIndex(
                name: "IX_DpoPairs_InstructionId",
                table: "DpoPairs",
                column: "InstructionId");

            migrationBuilder.CreateIndex(
                name: "IX_DpoPairs_RunId_Level_Round",
                table: "DpoPairs",
                columns: new[] { "RunId", "Level", "Round" });

            migrationBuilder.CreateIndex(
                name: "IX_ExportRecords_RunId",
                table: "ExportRecords",
                column: "RunId");

            migrationBuilder.CreateIndex(
                name: "IX_Instructions_PassRate",
                table: "Instructions",
                column: "PassRate");

            migrationBuilder.CreateIndex(
                name: "IX_Instructions_RunId_DropStage",
                table: "Instructions",
                columns: new[] { "RunId", "DropStage" });

            migrationBuilder.CreateIndex(
                name: "IX_Instructions_RunId_Origin",
                table: "Instructions",
                columns: new[] { "RunId", "Origin" });

            migrationBuilder.CreateIndex(
                name: "IX_Instructions_RunId_PassRate",
                table: "Instructions",
                columns: new[] { "RunId", "PassRate" });

            migrationBuilder.CreateIndex(
                name: "IX_Instructions_RunId_ReviewState",
                table: "Instructions",
                columns: new[] { "RunId", "ReviewState" });

            migrationBuilder.CreateIndex(
                name: "IX_Instructions_RunId_Status",
                table: "Instructions",
                columns: new[] { "RunId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Instructions_RunId_TextHash",
                table: "Instructions",
                columns: new[] { "RunId", "TextHash" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Instructions_Status",
                table: "Instructions",
                column: "Status");

            migrationBuilder.CreateIndex(
                name: "IX_LlmCalls_RequestHash",
                table: "LlmCalls",
                column: "RequestHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_LlmCalls_RunId_Stage",
                table: "LlmCalls",
                columns: new[] { "RunId", "Stage" });

            migrationBuilder.CreateIndex(
                name: "IX_Queries_RunId_Status",
                table: "Queries",
                columns: new[] { "RunId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Queries_RunId_TextHash",
                table: "Queries",
                columns: new[] { "RunId", "TextHash" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Responses_InstructionId_Accuracy",
                table: "Responses",
                columns: new[] { "InstructionId", "Accuracy" });

            migrationBuilder.CreateIndex(
                name: "IX_Responses_PromptId_Origin_SampleIndex",
                table: "Responses",
                columns: new[] { "PromptId", "Origin", "SampleIndex" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Responses_RunId_JudgeScore",
                table: "Responses",
                columns: new[] { "RunId", "JudgeScore" });

            migrationBuilder.CreateIndex(
                name: "IX_Responses_RunId_Round",
                table: "Responses",
                columns: new[] { "RunId", "Round" });

            migrationBuilder.CreateIndex(
                name: "IX_Responses_RunId_Status",
                table: "Responses",
                columns: new[] { "RunId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Reviews_RunId_CreatedAt",
                table: "Reviews",
                columns: new[] { "RunId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Reviews_Target_TargetId",
                table: "Reviews",
                columns: new[] { "Target", "TargetId" });

            migrationBuilder.CreateIndex(
                name: "IX_Runs_CreatedAt",
                table: "Runs",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_Runs_Name",
                table: "Runs",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Runs_Status",
                table: "Runs",
                column: "Status");

            migrationBuilder.CreateIndex(
                name: "IX_SeedInstructions_Text",
                table: "SeedInstructions",
                column: "Text",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_TestCases_InstructionId_Status",
                table: "TestCases",
                columns: new[] { "InstructionId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_TestCases_RunId",
                table: "TestCases",
                column: "RunId");

            migrationBuilder.CreateIndex(
                name: "IX_TestCases_VerifierId",
                table: "TestCases",
                column: "VerifierId");

            migrationBuilder.CreateIndex(
                name: "IX_Verdicts_VerifierId",
                table: "Verdicts",
                column: "VerifierId");

            migrationBuilder.CreateIndex(
                name: "IX_Verifiers_InstructionId_SourceHash",
                table: "Verifiers",
                columns: new[] { "InstructionId", "SourceHash" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Verifiers_PreviousVersionId",
                table: "Verifiers",
                column: "PreviousVersionId");

            migrationBuilder.CreateIndex(
                name: "IX_Verifiers_RunId_CompileStatus",
                table: "Verifiers",
                columns: new[] { "RunId", "CompileStatus" });

            migrationBuilder.CreateIndex(
                name: "IX_Verifiers_RunId_ReviewState",
                table: "Verifiers",
                columns: new[] { "RunId", "ReviewState" });

            migrationBuilder.CreateIndex(
                name: "IX_Verifiers_RunId_Status",
                table: "Verifiers",
                columns: new[] { "RunId", "Status" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "BackTranslations");

            migrationBuilder.DropTable(
                name: "CaseResults");

            migrationBuilder.DropTable(
                name: "DpoPairs");

            migrationBuilder.DropTable(
                name: "ExportRecords");

            migrationBuilder.DropTable(
                name: "LlmCalls");

            migrationBuilder.DropTable(
                name: "Reviews");

            migrationBuilder.DropTable(
                name: "SeedInstructions");

            migrationBuilder.DropTable(
                name: "StageProgress");

            migrationBuilder.DropTable(
                name: "Verdicts");

            migrationBuilder.DropTable(
                name: "TestCases");

            migrationBuilder.DropTable(
                name: "Responses");

            migrationBuilder.DropTable(
                name: "Verifiers");

            migrationBuilder.DropTable(
                name: "ComposedPrompts");

            migrationBuilder.DropTable(
                name: "Instructions");

            migrationBuilder.DropTable(
                name: "Queries");

            migrationBuilder.DropTable(
                name: "Runs");
        }
    }
}
