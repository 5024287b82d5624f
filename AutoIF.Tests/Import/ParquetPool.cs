using Parquet;
using Parquet.Schema;

namespace AutoIF.Tests.Import;

/// <summary>Small Parquet query pools written with Parquet.Net, the shape of a Hugging Face dataset file: an id column and a text column.</summary>
internal static class ParquetPool
{
    /// <summary>One row group per array of <paramref name="rowGroups"/>.</summary>
    public static async Task<byte[]> WriteAsync(string column, params string?[][] rowGroups)
    {
        var id = new DataField<long>("id");
        var text = new DataField<string>(column);
        using var stream = new MemoryStream();
        await using (var writer = await ParquetWriter.CreateAsync(new ParquetSchema(id, text), stream, null, false, default))
        {
            long next = 1;
            foreach (var group in rowGroups)
            {
                using var rowGroup = writer.CreateRowGroup();
                var ids = Enumerable.Range(0, group.Length).Select(i => next + i).ToArray();
                next += group.Length;
                await rowGroup.WriteAsync(id, new ReadOnlyMemory<long>(ids), null, null, default);
                await rowGroup.WriteAsync(text, group!, null);
            }
        }
        return stream.ToArray();
    }

    /// <summary>A pool whose "query" column holds numbers, not text.</summary>
    public static async Task<byte[]> WithNumberColumnAsync()
    {
        var query = new DataField<long>("query");
        using var stream = new MemoryStream();
        await using (var writer = await ParquetWriter.CreateAsync(new ParquetSchema(query), stream, null, false, default))
        {
            using var rowGroup = writer.CreateRowGroup();
            await rowGroup.WriteAsync(query, new ReadOnlyMemory<long>([1L, 2L]), null, null, default);
        }
        return stream.ToArray();
    }
}
