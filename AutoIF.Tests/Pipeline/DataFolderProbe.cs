using AutoIF.Core.Domain;
using Microsoft.Data.Sqlite;

namespace AutoIF.Tests.Pipeline;

/// <summary>Looks into a data folder's database while another process (the app, a command) works on it: read-only and unpooled.</summary>
internal static class DataFolderProbe
{
    public static async Task<(int Done, bool Completed)?> ProgressAsync(string dataFolder, PipelineStage stage)
    {
        var rows = await QueryAsync(dataFolder, $"SELECT Done, Completed FROM StageProgress WHERE Stage = {(int)stage}", r => (r.GetInt32(0), r.GetBoolean(1)));
        return rows.Count == 0 ? null : rows[0];
    }

    /// <summary>The status and job of the folder's only run.</summary>
    public static async Task<(RunStatus Status, string? JobId)?> RunAsync(string dataFolder)
    {
        var rows = await QueryAsync(dataFolder, "SELECT Status, JobId FROM Runs", r => ((RunStatus)r.GetInt32(0), r.IsDBNull(1) ? null : r.GetString(1)));
        return rows.Count == 0 ? null : rows[0];
    }

    public static async Task<RunStatus?> RunStatusAsync(string dataFolder) => (await RunAsync(dataFolder))?.Status;

    private static async Task<List<T>> QueryAsync<T>(string dataFolder, string sql, Func<SqliteDataReader, T> read)
    {
        var path = Path.Combine(dataFolder, "autoif.db");
        if (!File.Exists(path))
        {
            return [];
        }
        await using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False;Default Timeout=30");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var result = new List<T>();
        try
        {
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                result.Add(read(reader));
            }
        }
        catch (SqliteException)
        {
            // The table does not exist until the app has migrated the file.
            return [];
        }
        return result;
    }
}
