using AutoIF.Core.Llm;
using AutoIF.Core.Llm.Demo;
using AutoIF.Core.Pipeline;

namespace AutoIF.Tests.Llm;

public sealed class PromptTemplateTests
{
    [Fact]
    public void Every_templated_prompt_kind_has_a_template_with_a_stable_hash_and_responses_have_none()
    {
        var templates = PromptTemplates.Default;
        var kinds = Enum.GetValues<PromptKind>().Where(k => k is not PromptKind.Custom and not PromptKind.Response).ToList();

        Assert.All(kinds, k => Assert.Equal(16, templates[k].Hash.Length));
        Assert.Equal(kinds.Count, templates.All.Select(t => t.Hash).Distinct().Count());
        Assert.Equal(new PromptTemplate(PromptKind.Judge, "judge", templates[PromptKind.Judge].Text).Hash, templates[PromptKind.Judge].Hash);
        // The composed prompt is what a response is asked for; no template wraps it.
        Assert.Throws<ArgumentOutOfRangeException>(() => templates[PromptKind.Response]);
    }

    [Fact]
    public void Rendering_fills_every_placeholder_names_its_template_and_refuses_a_missing_one()
    {
        var judge = PromptTemplates.Default.Judge("What is 2+2?", "Answer in one word.", "Four");

        Assert.Contains("Query: What is 2+2?", judge.Text);
        Assert.Contains("Four", judge.Text);
        Assert.DoesNotContain("{{", judge.Text);
        Assert.Same(PromptTemplates.Default[PromptKind.Judge], judge.Template);
        var request = LlmRequest.For(judge);
        Assert.Equal((PromptKind.Judge, judge.Text, judge.Template), (request.Kind, request.Messages.Single().Content, request.Template));
        Assert.Throws<ArgumentException>(() => PromptTemplates.Default[PromptKind.Judge].Render(new Dictionary<string, string>()));
    }

    [Fact]
    public void The_demo_model_recognises_every_rendered_template_and_a_composed_prompt()
    {
        var t = PromptTemplates.Default;

        Assert.Equal(PromptKind.Augment, DemoChatClient.Recognise(t.Augment(["Answer in fewer than 50 words."], 10).Text));
        Assert.Equal(PromptKind.Verifier, DemoChatClient.Recognise(t.Verifier("Use no commas.").Text));
        Assert.Equal(PromptKind.BackTranslation, DemoChatClient.Recognise(t.BackTranslation("def evaluate(r):\n    return True").Text));
        Assert.Equal(PromptKind.Nli, DemoChatClient.Recognise(t.Nli("a", "b").Text));
        Assert.Equal(PromptKind.Judge, DemoChatClient.Recognise(t.Judge("q", "i", "r").Text));
        Assert.Equal(PromptKind.Response, DemoChatClient.Recognise(PromptComposer.Compose("How do I bake bread?", "Use no commas.")));
    }

    [Fact]
    public void The_template_record_lists_each_template_once_in_the_order_sent_and_reads_the_older_shape_without_the_unsent_response()
    {
        var t = PromptTemplates.Default;

        var json = TemplateManifest.With(null, t[PromptKind.Nli]);
        json = TemplateManifest.With(json, t[PromptKind.Judge]);
        Assert.Same(json, TemplateManifest.With(json, t[PromptKind.Nli]));
        Assert.Equal([new TemplateUse("nli", t[PromptKind.Nli].Hash), new TemplateUse("judge", t[PromptKind.Judge].Hash)], TemplateManifest.Parse(json));

        const string older = """{"Augment":{"name":"augment","hash":"aaaa"},"Response":{"name":"response","hash":"bbbb"},"Judge":{"name":"judge","hash":"cccc"}}""";
        Assert.Equal([new TemplateUse("augment", "aaaa"), new TemplateUse("judge", "cccc")], TemplateManifest.Parse(older));
        Assert.Empty(TemplateManifest.Parse(null));
    }
}
