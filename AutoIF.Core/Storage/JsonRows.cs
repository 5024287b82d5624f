using System.Buffers;
using System.Data;
using System.Text;
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
        using (var writer = new Utf8JsonWriter(buffer))
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

    public static void WriteNullable(Utf8JsonWriter writer, string? value)
    {
        if (value is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            writer.WriteStringValue(value);
        }
    }

    public static void WriteNullable(Utf8JsonWriter writer, int? value)
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
    /// </summary>
    public static Task<int> ExecuteAsync(AutoIfDbContext db, string sql, string rows, CancellationToken cancellationToken)
    {
        var source = db.Database.IsSqlite() ? "json_each(@rows)" : "json_array_elements(CAST(@rows AS json)) AS element(value)";
        var parameter = db.Database.GetDbConnection().CreateCommand().CreateParameter();
        parameter.ParameterName = "@rows";
        parameter.DbType = DbType.String;
        parameter.Value = rows;
        return db.Database.ExecuteSqlRawAsync(sql.Replace("{0}", source, StringComparison.Ordinal), [parameter], cancellationToken);
    }
}
