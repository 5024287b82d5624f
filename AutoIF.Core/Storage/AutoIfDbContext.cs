using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace AutoIF.Core.Storage;

/// <summary>
/// The whole pipeline's schema. Provider-specific subclasses exist only so each provider keeps its own
/// checked-in migrations (EF Core binds migrations to a context type); nothing else may depend on the provider.
/// Users, roles and sign-in data are ASP.NET Core Identity's tables in the same database (decision 028).
/// </summary>
public abstract class AutoIfDbContext(DbContextOptions options) : IdentityDbContext<IdentityUser>(options)
{
    public DbSet<Run> Runs => Set<Run>();
    public DbSet<StageProgress> StageProgress => Set<StageProgress>();
    public DbSet<StageChunk> StageChunks => Set<StageChunk>();
    public DbSet<SeedInstruction> SeedInstructions => Set<SeedInstruction>();
    public DbSet<Instruction> Instructions => Set<Instruction>();
    public DbSet<Verifier> Verifiers => Set<Verifier>();
    public DbSet<TestCase> TestCases => Set<TestCase>();
    public DbSet<CaseResult> CaseResults => Set<CaseResult>();
    public DbSet<BackTranslation> BackTranslations => Set<BackTranslation>();
    public DbSet<Query> Queries => Set<Query>();
    public DbSet<ComposedPrompt> ComposedPrompts => Set<ComposedPrompt>();
    public DbSet<Response> Responses => Set<Response>();
    public DbSet<Verdict> Verdicts => Set<Verdict>();
    public DbSet<Review> Reviews => Set<Review>();
    public DbSet<LlmCall> LlmCalls => Set<LlmCall>();
    public DbSet<DpoPair> DpoPairs => Set<DpoPair>();
    public DbSet<ExportRecord> ExportRecords => Set<ExportRecord>();
    public DbSet<ExportJob> ExportJobs => Set<ExportJob>();
    public DbSet<PromptConstraint> PromptConstraints => Set<PromptConstraint>();
    public DbSet<ConstraintResult> ConstraintResults => Set<ConstraintResult>();
    public DbSet<ConstraintCompatibility> ConstraintCompatibilities => Set<ConstraintCompatibility>();
    public DbSet<Reverification> Reverifications => Set<Reverification>();
    public DbSet<ReverificationVerdict> ReverificationVerdicts => Set<ReverificationVerdict>();
    public DbSet<InstructionSeedLink> InstructionSeeds => Set<InstructionSeedLink>();
    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AutoIfDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        if (Database.IsSqlite())
        {
            // SQLite has no date type; a sortable integer keeps ORDER BY and range filters in SQL.
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        }
    }
}
