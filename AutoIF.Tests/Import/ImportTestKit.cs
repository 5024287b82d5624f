using System.Text;
using AutoIF.Core.Import;
using AutoIF.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AutoIF.Tests.Import;

/// <summary>Fixture files, in-memory files and a database with the importer registered.</summary>
internal static class ImportTestKit
{
    public static Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.CreateAsync(configure: s => s.AddAutoIfImport());

    public static Stream Fixture(string name) =>
        File.OpenRead(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Import", name));

    public static Stream Text(string content) => new MemoryStream(Encoding.UTF8.GetBytes(content));

    public static async Task<ImportResult> ImportFixtureAsync(this TestDatabase database, string format, string name, string run = "imported")
    {
        await using var file = Fixture(name);
        return await database.Get<RunImporter>().ImportAsync(format, file, name, run);
    }

    public static async Task<StoredRows> CountAsync(this TestDatabase database)
    {
        await using var db = database.CreateContext();
        return new StoredRows(
            await db.Runs.CountAsync(),
            await db.Instructions.CountAsync(),
            await db.Verifiers.CountAsync(),
            await db.TestCases.CountAsync(),
            await db.BackTranslations.CountAsync(),
            await db.ComposedPrompts.CountAsync(),
            await db.Responses.CountAsync(),
            await db.Queries.CountAsync(),
            await db.StageProgress.CountAsync());
    }
}
