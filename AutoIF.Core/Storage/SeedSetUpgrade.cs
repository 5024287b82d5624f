using AutoIF.Core.Seeds;
using Microsoft.EntityFrameworkCore.Migrations;

namespace AutoIF.Core.Storage;

/// <summary>
/// The data half of the AddSeedSets migration, shared by both providers. The seeds a database already holds become the
/// <see cref="SeedSets.IfEvalTypes"/> set (the column's default); a database that holds any gets the new default set
/// too. An empty table is left empty: <see cref="DatabaseInitializer"/> loads every built-in set into it.
/// </summary>
internal static class SeedSetUpgrade
{
    /// <param name="createdAtSql">The provider's value for "now" in the CreatedAt column.</param>
    public static void AddDefaultSet(MigrationBuilder migrationBuilder, string createdAtSql)
    {
        // One statement per seed keeps the file order as id order, the order runs take seeds in.
        foreach (var text in BuiltInSeeds.Load(SeedSets.Default))
        {
            migrationBuilder.Sql(
                $"""
                INSERT INTO "SeedInstructions" ("Text", "Set", "IsBuiltIn", "CreatedAt")
                SELECT {Literal(text)}, {Literal(SeedSets.Default)}, TRUE, {createdAtSql}
                WHERE EXISTS (SELECT 1 FROM "SeedInstructions" WHERE "Set" = {Literal(SeedSets.IfEvalTypes)});
                """);
        }
    }

    /// <summary>Before the one-set schema returns: the added default set goes, and of texts now in several sets the first stays.</summary>
    public static void RemoveSets(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql($"""DELETE FROM "SeedInstructions" WHERE "Set" = {Literal(SeedSets.Default)} AND "IsBuiltIn" = TRUE;""");
        migrationBuilder.Sql(
            """
            DELETE FROM "SeedInstructions" WHERE EXISTS (
                SELECT 1 FROM "SeedInstructions" AS "Earlier" WHERE "Earlier"."Text" = "SeedInstructions"."Text" AND "Earlier"."Id" < "SeedInstructions"."Id");
            """);
    }

    private static string Literal(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";
}
