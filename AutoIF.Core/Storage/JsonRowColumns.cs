using System.Linq.Expressions;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace AutoIF.Core.Storage;

/// <summary>
/// The columns of a <see cref="JsonRows"/> statement, named by entity property: the column name comes from the EF model,
/// the SQL type from the property's CLR type, and each row's values are written in the same order the SQL reads them
/// (<c>value ->> N</c>), so no position is ever written by hand and two swapped properties cannot silently land in each
/// other's columns.
/// </summary>
internal sealed class JsonRowColumns<T> where T : class
{
    private readonly AutoIfDbContext _db;
    private readonly List<(string Column, string? SqlType, Action<Utf8JsonWriter, T> Write)> _columns = [];

    public JsonRowColumns(AutoIfDbContext db) => _db = db;

    public JsonRowColumns<T> Add<TValue>(Expression<Func<T, TValue>> property)
    {
        var column = new SqlNames(_db).ColumnName(property);
        var type = Nullable.GetUnderlyingType(typeof(TValue)) ?? typeof(TValue);
        var get = property.Compile();
        _columns.Add((column, SqlType(type), (writer, row) => Write(writer, get(row))));
        return this;
    }

    /// <summary>The column names, quoted, in order: the target list of an INSERT.</summary>
    public string Names => string.Join(", ", _columns.Select(c => $"\"{c.Column}\""));

    /// <summary>Each JSON value read and cast, named as its column: the SELECT list over the rows' source.</summary>
    public string Values => string.Join(", ", _columns.Select((c, i) => c.SqlType is null ? $"value ->> {i} AS \"{c.Column}\"" : $"CAST(value ->> {i} AS {c.SqlType}) AS \"{c.Column}\""));

    /// <summary>SET list of an UPDATE … FROM (SELECT <see cref="Values"/>) AS <paramref name="alias"/>, every column but <paramref name="key"/>.</summary>
    public string Assignments(string alias, string key) =>
        string.Join(", ", _columns.Where(c => c.Column != key).Select(c => $"\"{c.Column}\" = {alias}.\"{c.Column}\""));

    public string ColumnOf<TValue>(Expression<Func<T, TValue>> property) => new SqlNames(_db).ColumnName(property);

    /// <summary>The rows' table, quoted, as the EF model names it.</summary>
    public string Table => new SqlNames(_db).Table<T>();

    public string Serialize(IReadOnlyList<T> rows) => JsonRows.Serialize(rows.Count, (writer, i) =>
    {
        foreach (var column in _columns)
        {
            column.Write(writer, rows[i]);
        }
    });

    private static string? SqlType(Type type)
    {
        if (type.IsEnum)
        {
            type = Enum.GetUnderlyingType(type);
        }
        return type == typeof(string) ? null
            : type == typeof(long) ? "BIGINT"
            : type == typeof(int) ? "INTEGER"
            : type == typeof(short) || type == typeof(byte) ? "SMALLINT"
            : type == typeof(double) ? "DOUBLE PRECISION"
            // Booleans read differently on the two engines (SQLite casts 'true' to 0): not supported here.
            : throw new NotSupportedException($"JSON rows do not carry {type.Name} columns");
    }

    private static void Write<TValue>(Utf8JsonWriter writer, TValue value)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case string text:
                JsonRows.WriteText(writer, text);
                break;
            case double number:
                writer.WriteNumberValue(number);
                break;
            case Enum:
                writer.WriteNumberValue(Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture));
                break;
            default:
                writer.WriteNumberValue(Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture));
                break;
        }
    }
}
