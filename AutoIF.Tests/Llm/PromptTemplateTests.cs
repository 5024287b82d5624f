using System.Text.Json;
using AutoIF.Core.Llm;
using AutoIF.Core.Llm.Demo;

namespace AutoIF.Tests.Llm;

public sealed class PromptTemplateTests
{
    [Fact]
    public void Every_prompt_kind_has_a_template_with_a_stable_hash()
    {
        var templates = PromptTemplates.Default;
        var kinds = Enum.GetValues<PromptKind>().Where(k => k != PromptKind.Custom).ToList();

        Assert.All(kinds, k => Assert.Equal(16, templates[k].Hash.Length));
        Assert.Equal(kinds.Count, templates.All.Select(t => t.Hash).Distinct().Count());
        Assert.Equal(new PromptTemplate(PromptKind.Judge, "judge", templates[PromptKind.Judge].Text).Hash, templates[PromptKind.Judge].Hash);
        var manifest = JsonDocument.Parse(templates.ManifestJson()).RootElement;
        Assert.Equal(templates[PromptKind.Verifier].Hash, manifest.GetProperty("Verifier").GetProperty("hash").GetString());
    }

    [Fact]
    public void Rendering_fills_every_placeholder_and_refuses_a_missing_one()
    {
        var text = PromptTemplates.Default.Judge("What is 2+2?", "Answer in one word.", "Four");

        Assert.Contains("Query: What is 2+2?", text);
        Assert.Contains("Four", text);
        Assert.DoesNotContain("{{", text);
        Assert.Throws<ArgumentException>(() => PromptTemplates.Default[PromptKind.Judge].Render(new Dictionary<string, string>()));
    }

    [Fact]
    public void The_demo_model_recognises_every_rendered_template()
    {
        var t = PromptTemplates.Default;

        Assert.Equal(PromptKind.Augment, DemoChatClient.Recognise(t.Augment(["Answer in fewer than 50 words."], 10)));
        Assert.Equal(PromptKind.Verifier, DemoChatClient.Recognise(t.Verifier("Use no commas.")));
        Assert.Equal(PromptKind.BackTranslation, DemoChatClient.Recognise(t.BackTranslation("def evaluate(r):\n    return True")));
        Assert.Equal(PromptKind.Nli, DemoChatClient.Recognise(t.Nli("a", "b")));
        Assert.Equal(PromptKind.Judge, DemoChatClient.Recognise(t.Judge("q", "i", "r")));
        Assert.Equal(PromptKind.Response, DemoChatClient.Recognise(t.Response("How do I bake bread?", "Use no commas.")));
    }
}
