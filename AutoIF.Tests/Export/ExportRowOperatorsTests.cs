using AutoIF.Core.Export;

namespace AutoIF.Tests.Export;

public class ExportRowOperatorsTests
{
    private static SftExample Row(string prompt, int instructionId, long id) =>
        ExportSamples.Sft() with { Prompt = prompt, Provenance = ExportSamples.Provenance(id, instructionId) };

    [Fact]
    public async Task DistinctPrompts_keeps_the_first_row_of_each_prompt()
    {
        var rows = await ExportSamples.Async(Row("A.", 1, 1), Row("B.", 1, 2), Row("A.", 2, 3), Row("a.", 2, 4)).DistinctPrompts().ToListAsync();
        Assert.Equal([1L, 2L, 4L], rows.Select(r => r.SourceId));
    }

    [Fact]
    public async Task MaxPerInstruction_caps_each_instruction_in_source_order()
    {
        var source = Enumerable.Range(1, 10).Select(i => Row($"P{i}.", i % 2, i));
        var rows = await ExportSamples.Async(source).MaxPerInstruction(2).ToListAsync();
        Assert.Equal([1L, 2L, 3L, 4L], rows.Select(r => r.SourceId));
    }

    [Fact]
    public async Task InSplit_partitions_rows_by_prompt()
    {
        var source = Enumerable.Range(1, 200).Select(i => Row($"Prompt {i}.", 1, i)).ToList();
        var splitter = new SplitAssigner(0.3, 5);
        var train = await ExportSamples.Async(source).InSplit(splitter, DatasetSplit.Train).ToListAsync();
        var validation = await ExportSamples.Async(source).InSplit(splitter, DatasetSplit.Validation).ToListAsync();
        Assert.Equal(source.Count, train.Count + validation.Count);
        Assert.Empty(train.Select(r => r.Prompt).Intersect(validation.Select(r => r.Prompt)));
        Assert.NotEmpty(validation);
    }
}
