using System.Globalization;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;

namespace AutoIF.Core.Llm.Demo;

/// <summary>
/// The offline demo model: recognises each of our prompt kinds and answers from <see cref="DemoFixture"/>, in the
/// untidy shapes real models use (prose around fenced JSON, numbered lists) so the parsers are exercised.
/// Deterministic: the same prompt and sample index always give the same answer. Instructions it does not know get
/// an honest "cannot check this" (a parse failure the stage records); unknown composed prompts get generic answers.
/// </summary>
public sealed partial class DemoChatClient : IChatClient
{
    public const string ModelName = "autoif-demo";

    /// <summary>ChatOptions.AdditionalProperties key the gateway sets with the <see cref="PromptKind"/>; text recognition is the fallback.</summary>
    public const string KindProperty = "autoif.kind";

    public const string SampleIndexProperty = "autoif.sample_index";

    /// <summary>New instructions in one self-instruct answer, consecutive from <see cref="DemoFixture.AugmentPool"/>.</summary>
    public const int InstructionsPerAugmentAnswer = 6;

    private static readonly JsonSerializerOptions Compact = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    // Per template a phrase only it contains; a composed prompt (a Response) contains none.
    private static readonly (string Phrase, PromptKind Kind)[] TemplatePhrases =
    [
        ("constrain the FORM of an answer", PromptKind.Augment),
        ("Write a function that checks whether a response follows an instruction", PromptKind.Verifier),
        ("For each function, in the same order, state as one instruction", PromptKind.BackTranslationList),
        ("State, as one instruction addressed to the writer", PromptKind.BackTranslation),
        ("Decide the logical relation between two instructions", PromptKind.Nli),
        ("You are reviewing a response written by an assistant", PromptKind.Judge),
        ("Decide whether one response can follow both of these instructions", PromptKind.Compatibility),
        ("Write yes/no questions that check whether a response follows an instruction", PromptKind.Questions),
        ("Read the response below and answer a yes/no question about it", PromptKind.QuestionVerdict),
    ];

    private readonly DemoFixture _fixture;
    private readonly Dictionary<string, DemoInstruction> _byInstruction;
    private readonly Dictionary<string, DemoInstruction> _byCode;
    private readonly Dictionary<string, DemoSoftInstruction> _softByInstruction;
    private readonly Dictionary<string, DemoSoftInstruction> _softByQuestion;

    public DemoChatClient()
        : this(DemoFixture.LoadEmbedded())
    {
    }

    public DemoChatClient(DemoFixture fixture)
    {
        _fixture = fixture;
        _byInstruction = fixture.Instructions.ToDictionary(i => Normalize(i.Instruction), StringComparer.Ordinal);
        _byCode = [];
        _softByInstruction = fixture.Soft.ToDictionary(i => Normalize(i.Instruction), StringComparer.Ordinal);
        _softByQuestion = fixture.Soft.ToDictionary(i => Normalize(i.Question), StringComparer.Ordinal);
        foreach (var instruction in fixture.Instructions)
        {
            foreach (var verifier in instruction.Verifiers)
            {
                _byCode.TryAdd(NormalizeCode(verifier.Func), instruction);
            }
        }
    }

    public DemoFixture Fixture => _fixture;

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var prompt = string.Join("\n", messages.Select(m => m.Text));
        var sample = options?.AdditionalProperties?.TryGetValue(SampleIndexProperty, out var s) == true ? Convert.ToInt32(s, CultureInfo.InvariantCulture) : 0;
        var kind = options?.AdditionalProperties?.TryGetValue(KindProperty, out var k) == true && Enum.TryParse<PromptKind>(k?.ToString(), out var parsed)
            ? parsed
            : Recognise(prompt);
        var seed = Seed(prompt, sample);
        var text = kind switch
        {
            PromptKind.Augment => Augment(seed, sample),
            PromptKind.Verifier => Verifier(prompt, sample),
            PromptKind.BackTranslation => BackTranslation(prompt, sample),
            PromptKind.BackTranslationList => BackTranslationList(prompt, sample),
            PromptKind.Nli => Nli(prompt),
            PromptKind.Judge => Judge(seed),
            PromptKind.Compatibility => Compatibility(prompt),
            PromptKind.Questions => Questions(prompt),
            PromptKind.QuestionVerdict => QuestionVerdict(prompt, seed),
            PromptKind.Response => Response(prompt, seed),
            _ => prompt.Contains("single word", StringComparison.OrdinalIgnoreCase) ? "ok" : Response(prompt, seed),
        };
        var response = new ChatResponse(new ChatMessage(ChatRole.Assistant, text))
        {
            ModelId = ModelName,
            FinishReason = ChatFinishReason.Stop,
            // Roughly four characters per token, so the dashboard shows plausible demo token counts.
            Usage = new UsageDetails { InputTokenCount = (prompt.Length + 3) / 4, OutputTokenCount = (text.Length + 3) / 4, TotalTokenCount = (prompt.Length + text.Length + 6) / 4 },
        };
        return Task.FromResult(response);
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var response = await GetResponseAsync(messages, options, cancellationToken);
        foreach (var update in response.ToChatResponseUpdates())
        {
            yield return update;
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType.IsInstanceOfType(this) ? this
        : serviceType == typeof(ChatClientMetadata) ? new ChatClientMetadata("autoif-demo", null, ModelName)
        : null;

    public void Dispose()
    {
    }

    /// <summary>The kind of one of our templates, from phrases only that template contains.</summary>
    public static PromptKind Recognise(string prompt)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        foreach (var (phrase, kind) in TemplatePhrases)
        {
            if (prompt.Contains(phrase, StringComparison.Ordinal))
            {
                return kind;
            }
        }
        return PromptKind.Response;
    }

    private string Augment(uint seed, int sample)
    {
        var pool = _fixture.AugmentPool;
        var count = Math.Min(pool.Count, InstructionsPerAugmentAnswer);
        var offset = (int)(seed % (uint)pool.Count);
        var picked = Enumerable.Range(0, count).Select(i => pool[(offset + i) % pool.Count]).ToList();
        var builder = new StringBuilder();
        if (sample % 2 == 0)
        {
            builder.Append("Here are some new format instructions:\n\n");
            foreach (var item in picked)
            {
                builder.Append("- ").Append(item).Append('\n');
            }
        }
        else
        {
            for (var i = 0; i < picked.Count; i++)
            {
                builder.Append(CultureInfo.InvariantCulture, $"{i + 1}. {picked[i]}\n");
            }
            builder.Append("\nEach of these can be checked with a short Python function.");
        }
        return builder.ToString().TrimEnd();
    }

    private string Verifier(string prompt, int sample)
    {
        var instruction = Find(InstructionLine().Match(prompt));
        if (instruction is null)
        {
            return "I'm sorry, but I can't write a reliable Python check for this instruction: it depends on meaning rather than form.";
        }
        var verifier = instruction.Verifiers[sample % instruction.Verifiers.Count];
        var json = JsonSerializer.Serialize(new
        {
            func = verifier.Func,
            cases = verifier.Cases.Select(c => new { input = c.Input, output = sample % 3 == 2 ? (object)(c.Output ? "True" : "False") : c.Output }),
        }, Compact);
        return (sample % 3) switch
        {
            0 => $"```json\n{json}\n```",
            1 => $"Here is a function that checks the instruction, with test cases:\n\n```json\n{json}\n```\n\nThe cases cover responses that follow the instruction and responses that do not.",
            _ => json,
        };
    }

    private string BackTranslation(string prompt, int sample)
    {
        var code = PythonFence().Match(prompt);
        if (code.Success && _byCode.TryGetValue(NormalizeCode(code.Groups["code"].Value), out var instruction) && instruction.BackTranslations.Count > 0)
        {
            return "Instruction: " + instruction.BackTranslations[sample % instruction.BackTranslations.Count].Text;
        }
        return "Instruction: Write a response that passes the check performed by this function.";
    }

    private string BackTranslationList(string prompt, int sample) =>
        JsonSerializer.Serialize(PythonFence().Matches(prompt).Select(code =>
            _byCode.TryGetValue(NormalizeCode(code.Groups["code"].Value), out var instruction) && instruction.BackTranslations.Count > 0
                ? instruction.BackTranslations[sample % instruction.BackTranslations.Count].Text
                : "Write a response that passes the check performed by this function.").ToList(), Compact);

    private string Nli(string prompt)
    {
        var premise = PremiseLine().Match(prompt);
        var hypothesis = HypothesisLine().Match(prompt);
        var label = "neutral";
        if (premise.Success && hypothesis.Success)
        {
            var h = Normalize(hypothesis.Groups["text"].Value);
            if (Normalize(premise.Groups["text"].Value) == h)
            {
                label = "entailment";
            }
            else if (Find(premise) is { } instruction &&
                     instruction.BackTranslations.FirstOrDefault(b => Normalize(b.Text) == h) is { } back)
            {
                label = back.Label;
            }
        }
        var reasoning = label switch
        {
            "entailment" => "Both instructions ask for the same constraint on the response, so following the premise means following the hypothesis.",
            "contradiction" => "The hypothesis asks for the opposite of what the premise requires; no response can follow both.",
            _ => "The two instructions are about different things; following one neither guarantees nor rules out the other.",
        };
        return $"{reasoning}\n\nLabel: {label}";
    }

    private static string Compatibility(string prompt)
    {
        var first = FirstInstructionLine().Match(prompt);
        var second = SecondInstructionLine().Match(prompt);
        var both = !first.Success || !second.Success || DemoCompatibility.CanFollowBoth(first.Groups["text"].Value, second.Groups["text"].Value);
        return both
            ? "The two instructions constrain different things, so one response can follow both.\n\nAnswer: yes"
            : "Following one of these instructions makes the other impossible.\n\nAnswer: no";
    }

    // One question naming the instruction, with the first variant's cases (the same as the functions', so they add no case);
    // a soft instruction's own question and examples (the only cases it gets, as no function is written for it).
    private string Questions(string prompt)
    {
        var match = InstructionLine().Match(prompt);
        var text = match.Success ? match.Groups["text"].Value.Trim().TrimEnd('.') : "the instruction";
        var soft = match.Success ? _softByInstruction.GetValueOrDefault(Normalize(match.Groups["text"].Value)) : null;
        var instruction = Find(match);
        var json = JsonSerializer.Serialize(new
        {
            questions = new[] { soft?.Question ?? $"Does the response follow this instruction: {text.TrimEnd('?')}?" },
            cases = (soft?.Cases ?? instruction?.Verifiers[0].Cases ?? []).Select(c => new { input = c.Input, output = c.Output }),
        }, Compact);
        return $"Here are the questions and test cases:\n\n```json\n{json}\n```";
    }

    /// <summary>
    /// A case of the instruction the question names is answered as the case says, so cross-validation keeps the question;
    /// any other text by a draw from the prompt (a reader that cannot tell, now and then: the verdict is then an error).
    /// </summary>
    private string QuestionVerdict(string prompt, uint seed)
    {
        var question = QuestionLine().Match(prompt);
        var response = VerdictResponse().Match(prompt);
        var instruction = question.Success ? FindContained(question.Groups["text"].Value) : null;
        var cases = question.Success && _softByQuestion.TryGetValue(Normalize(question.Groups["text"].Value), out var soft) ? soft.Cases
            : instruction?.Verifiers.SelectMany(v => v.Cases).ToList();
        var known = response.Success && cases is not null
            ? cases.FirstOrDefault(c => c.Input == response.Groups["text"].Value)
            : null;
        if (known is null && seed % 10 == 0)
        {
            return "It is hard to say from the text alone.";
        }
        var yes = known?.Output ?? seed % 3 != 0;
        return yes ? "The response does what the question asks.\n\nAnswer: yes" : "The response does not do what the question asks.\n\nAnswer: no";
    }

    private string Judge(uint seed)
    {
        var judgement = _fixture.Judgements[(int)(seed % (uint)_fixture.Judgements.Count)];
        return $"{judgement.Analysis}\n\nScore: {judgement.Score}";
    }

    private string Response(string prompt, uint seed)
    {
        var instruction = FindContained(prompt);
        var answers = instruction?.Responses is { Count: > 0 } known ? known : _fixture.GenericResponses;
        return answers[(int)(seed % (uint)answers.Count)];
    }

    private DemoInstruction? Find(Match match) =>
        match.Success && _byInstruction.TryGetValue(Normalize(match.Groups["text"].Value), out var instruction) ? instruction : null;

    // A composed prompt ("Query. Instruction") names its instruction anywhere in the text; the longest known one wins.
    private DemoInstruction? FindContained(string prompt)
    {
        var normalized = Normalize(prompt);
        return _byInstruction.Where(kv => normalized.Contains(kv.Key, StringComparison.Ordinal))
            .OrderByDescending(kv => kv.Key.Length).Select(kv => kv.Value).FirstOrDefault();
    }

    /// <summary>How the demo matches an instruction's text: trimmed, without a final full stop, lower case, single spaces.</summary>
    public static string Normalize(string text) =>
        Whitespace().Replace(text.Trim().TrimEnd('.').ToLowerInvariant(), " ");

    private static string NormalizeCode(string code) => code.Replace("\r\n", "\n", StringComparison.Ordinal).Trim();

    private static uint Seed(string prompt, int sample)
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes(prompt + "\u0000" + sample.ToString(CultureInfo.InvariantCulture)));
        return BitConverter.ToUInt32(bytes, 0);
    }

    [GeneratedRegex(@"^Instruction:[ \t]*(?<text>.+?)[ \t]*\r?$", RegexOptions.Multiline)]
    private static partial Regex InstructionLine();

    [GeneratedRegex(@"^Instruction A:[ \t]*(?<text>.+?)[ \t]*\r?$", RegexOptions.Multiline)]
    private static partial Regex FirstInstructionLine();

    [GeneratedRegex(@"^Instruction B:[ \t]*(?<text>.+?)[ \t]*\r?$", RegexOptions.Multiline)]
    private static partial Regex SecondInstructionLine();

    [GeneratedRegex(@"^Question:[ \t]*(?<text>.+?)[ \t]*\r?$", RegexOptions.Multiline)]
    private static partial Regex QuestionLine();

    [GeneratedRegex("^Response:\n\"\"\"\n(?<text>.*)\n\"\"\"", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex VerdictResponse();

    [GeneratedRegex(@"^Premise:[ \t]*(?<text>.+?)[ \t]*\r?$", RegexOptions.Multiline)]
    private static partial Regex PremiseLine();

    [GeneratedRegex(@"^Hypothesis:[ \t]*(?<text>.+?)[ \t]*\r?$", RegexOptions.Multiline)]
    private static partial Regex HypothesisLine();

    [GeneratedRegex(@"```python\n(?<code>.*?)\n```", RegexOptions.Singleline)]
    private static partial Regex PythonFence();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
