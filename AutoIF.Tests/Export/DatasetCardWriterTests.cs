using AutoIF.Core.Export;
using AutoIF.Core.Llm;

namespace AutoIF.Tests.Export;

public class DatasetCardWriterTests
{
    private static DatasetCardInfo Info(bool demo = false) => new(
        "autoif_kyoto",
        ExportKind.Sft,
        "alpaca",
        new ExportWriterOptions { Container = ExportContainer.Json },
        [new DatasetCardRun("kyoto", demo, new Dictionary<string, string> { ["supervision"] = "qwen2-72b-instruct" }, [new TemplateUse("judge", "sha256:feed")], [new("Judge:MinScore", "8")])],
        [new StageCount("instructions", 200, 50), new StageCount("responses", 0, 0)],
        [new("min-accuracy", "0.5")],
        new DateTimeOffset(2025, 3, 1, 12, 30, 0, TimeSpan.Zero));

    private static readonly SplitFile[] Files = [new(DatasetSplit.Train, "data/train-00000-of-00001.json", 1234)];

    [Fact]
    public void Front_matter_names_the_default_config_and_its_splits()
    {
        var card = DatasetCardWriter.Render(Info(), Files);
        var frontMatter = card.Split("---\n")[1];
        Assert.Contains("configs:\n- config_name: default\n  data_files:\n  - split: train\n    path: data/train-00000-of-00001.json\n", frontMatter, StringComparison.Ordinal);
    }

    [Fact]
    public void Body_has_counts_pass_rates_models_templates_settings_filters_date_and_loading()
    {
        var card = DatasetCardWriter.Render(Info(), Files);
        Assert.Contains("| instructions | 200 | 50 | 25.0% |", card, StringComparison.Ordinal);
        Assert.Contains("| responses | 0 | 0 | – |", card, StringComparison.Ordinal);
        Assert.Contains("supervision model: `qwen2-72b-instruct`", card, StringComparison.Ordinal);
        Assert.Contains("template `judge`: `sha256:feed`", card, StringComparison.Ordinal);
        Assert.Contains("| `Judge:MinScore` | `8` |", card, StringComparison.Ordinal);
        Assert.Contains("- `--min-accuracy` 0.5", card, StringComparison.Ordinal);
        Assert.Contains("2025-03-01 12:30 UTC", card, StringComparison.Ordinal);
        Assert.Contains("| train | `data/train-00000-of-00001.json` | 1,234 |", card, StringComparison.Ordinal);
        Assert.Contains("dataset: autoif_kyoto", card, StringComparison.Ordinal);
        Assert.Contains("load_dataset(\"json\"", card, StringComparison.Ordinal);
        Assert.Contains("SFTTrainer", card, StringComparison.Ordinal);
        Assert.DoesNotContain("Demo data", card, StringComparison.Ordinal);
    }

    [Fact]
    public void Demo_runs_are_flagged()
    {
        Assert.Contains("Demo data", DatasetCardWriter.Render(Info(demo: true), Files), StringComparison.Ordinal);
    }
}
