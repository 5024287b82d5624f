using System.Buffers;
using System.Data;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace AutoIF.Core.Storage;

/// <summary>
/// Bulk writes: many rows as one JSON array of arrays, unpacked by the database itself (SQLite json_each, PostgreSQL
/// json_array_elements) in one statement with one parameter. Thousands of rows then cost what the database's own insert
/// costs, not a bound parameter per value or a tracked entity per row. The SQL reads a row's columns as value ->> N.
/// </summary>
internal static class JsonRows
{
    /// <summary>Serializes <paramref name="count"/> rows; <paramref name="writeRow"/> writes row i's columns in order.</summary>
    public static string Serialize(int count, Action<Utf8JsonWriter, int> writeRow)
    {
        var buffer = new ArrayBufferWriter<byte>(Math.Max(256, count * 16));
        // The SQL engine reads this, not a browser: relaxed escaping keeps non-ASCII text as UTF-8, a third of \uXXXX's size.
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartArray();
            for (var i = 0; i < count; i++)
            {
                writer.WriteStartArray();
                writeRow(writer, i);
                writer.WriteEndArray();
            }
            writer.WriteEndArray();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>
    /// Text as both databases can store it: PostgreSQL text cannot hold NUL, and a verifier's output or an imported answer
    /// may contain one, so it becomes U+FFFD rather than failing the whole chunk.
    /// </summary>
    public static void WriteText(Utf8JsonWriter writer, string? value)
    {
        if (value is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            writer.WriteStringValue(value.Contains('\0', StringComparison.Ordinal) ? value.Replace('\0', '\uFFFD') : value);
        }
    }

    public static void WriteNullable(Utf8JsonWriter writer, long? value)
    {
        if (value is { } number)
        {
            writer.WriteNumberValue(number);
        }
        else
        {
            writer.WriteNullValue();
        }
    }

    /// <summary>
    /// Runs <paramref name="sql"/> with the rows bound to @rows; <paramref name="sql"/> names the row source as {0}, which
    /// becomes the provider's table-valued function yielding one <c>value</c> per row. No data is ever spliced into the SQL.
    /// EF formats raw SQL that has parameters, so any other brace in it must be doubled.
    /// </summary>
    public static Task<int> ExecuteAsync(AutoIfDbContext db, string sql, string rows, CancellationToken cancellationToken)
    {
        var source = db.Database.IsSqlite() ? "json_each(@rows)" : "json_array_elements(CAST(@rows AS json)) AS element(value)";
        using var factory = db.Database.GetDbConnection().CreateCommand();
        var parameter = factory.CreateParameter();
        parameter.ParameterName = "@rows";
        parameter.DbType = DbType.String;
        parameter.Value = rows;
        return db.Database.ExecuteSqlRawAsync(sql.Replace("{0}", source, StringComparison.Ordinal), [parameter], cancellationToken);
    }
}
