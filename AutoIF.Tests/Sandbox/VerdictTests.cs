using AutoIF.Core.Domain;
using AutoIF.Core.Sandbox;

namespace AutoIF.Tests.Sandbox;

[Collection(SandboxCollection.Name)]
public sealed class VerdictTests(SandboxFixture fixture)
{
    private readonly VerifierSandbox _sandbox = fixture.Sandbox;

    [Theory]
    [InlineData("def evaluate(response):\n    return len(response) > 3\n", "hello", VerdictKind.True, null)]
    [InlineData("def evaluate(response):\n    return len(response) > 3\n", "hi", VerdictKind.False, null)]
    [InlineData("def evaluate(response):\n    return 1\n", "x", VerdictKind.True, null)]
    [InlineData("def evaluate(response):\n    return 0\n", "x", VerdictKind.False, null)]
    [InlineData("def evaluate(response):\n    return None\n", "x", VerdictKind.NotBool, "NoneType")]
    [InlineData("def evaluate(response):\n    return 'yes'\n", "x", VerdictKind.NotBool, "str")]
    [InlineData("def evaluate(response):\n    return 2\n", "x", VerdictKind.NotBool, "int")]
    [InlineData("def evaluate(response):\n    return response[100]\n", "x", VerdictKind.Error, "IndexError: string index out of range")]
    [InlineData("def evaluate(response):\n    raise ValueError('bad input')\n", "x", VerdictKind.Error, "ValueError: bad input")]
    [InlineData("def evaluate(response):\n    while True:\n        pass\n", "x", VerdictKind.Timeout, null)]
    [InlineData("import os\ndef evaluate(response):\n    os._exit(3)\n", "x", VerdictKind.Crashed, "process exited with code 3")]
    [InlineData("def evaluate(response)\n    return True\n", "x", VerdictKind.Error, "SyntaxError")]
    [InlineData("def check(response):\n    return True\n", "x", VerdictKind.Error, "NameError")]
    public async Task Each_verdict_kind_is_reported(string source, string input, VerdictKind expected, string? detailStart)
    {
        var result = await _sandbox.EvaluateAsync(source, input);

        Assert.Equal(expected, result.Kind);
        if (detailStart is not null)
        {
            Assert.NotNull(result.Detail);
            Assert.StartsWith(detailStart, result.Detail, StringComparison.Ordinal);
        }
        Assert.Equal(expected == VerdictKind.True, result.Passed);
    }

    [Fact]
    public async Task Helpers_and_imports_next_to_evaluate_work()
    {
        const string source = """
            import re
            from collections import Counter

            VOWELS = set("aeiou")

            def count_words(text):
                return len(re.findall(r"\b\w+\b", text))

            def vowel_share(text):
                letters = [c for c in text.lower() if c.isalpha()]
                counts = Counter(c in VOWELS for c in letters)
                return counts[True] / max(1, len(letters))

            def evaluate(response):
                return count_words(response) == 3 and vowel_share(response) > 0.2
            """;

        var results = await _sandbox.EvaluateAsync(VerifierBatch.CrossProduct([source], ["one two three", "one two"]));

        Assert.Equal([VerdictKind.True, VerdictKind.False], results.Select(r => r.Kind));
    }

    [Fact]
    public async Task Unicode_empty_and_one_megabyte_responses_arrive_intact()
    {
        const string source = """
            import hashlib
            def evaluate(response):
                print(hashlib.sha256(response.encode('utf-8')).hexdigest(), len(response), end='')
                return True
            """;
        var unicode = "Grüße, 世界! 🎉 — ünïcödé \u0000 tab\tquote\" backslash\\";
        var big = string.Concat(Enumerable.Repeat("The quick brown fox jumps over the lazy dog. ", 23_000))[..1_000_000];
        var inputs = new[] { unicode, "", big };

        var results = await _sandbox.EvaluateAsync(VerifierBatch.CrossProduct([source], inputs));

        for (var i = 0; i < inputs.Length; i++)
        {
            var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(inputs[i])));
            Assert.Equal(VerdictKind.True, results[i].Kind);
            Assert.Equal($"{hash} {inputs[i].EnumerateRunes().Count()}", results[i].Detail);
        }
    }

    [Fact]
    public async Task Texts_round_trip_exactly()
    {
        var inputs = new[] { "Grüße, 世界! 🎉 \u0000 \"q\" \\", "", new string('x', 1_000_000) };
        var sources = inputs.Select(text =>
            $"def evaluate(response):\n    return response == {PythonLiteral(text)}\n").ToList();

        var results = await _sandbox.EvaluateAsync(VerifierBatch.CrossProduct(sources, inputs));

        for (var s = 0; s < sources.Count; s++)
        {
            for (var i = 0; i < inputs.Length; i++)
            {
                Assert.Equal(s == i ? VerdictKind.True : VerdictKind.False, results[(s * inputs.Length) + i].Kind);
            }
        }
    }

    [Fact]
    public async Task Results_align_with_requested_pairs_across_workers()
    {
        var sources = Enumerable.Range(0, 7).Select(n => $"def evaluate(response):\n    return len(response) % 7 == {n}\n").ToList();
        var inputs = Enumerable.Range(0, 300).Select(n => new string('a', n)).ToList();
        var random = new Random(5);
        var calls = Enumerable.Range(0, 2000).Select(_ => new VerifierCall(random.Next(sources.Count), random.Next(inputs.Count))).ToList();
        var progress = new List<int>();

        var results = await _sandbox.EvaluateAsync(new VerifierBatch(sources, inputs, calls), new SynchronousProgress(progress));

        Assert.Equal(calls.Count, results.Count);
        for (var k = 0; k < calls.Count; k++)
        {
            var expected = inputs[calls[k].InputIndex].Length % 7 == calls[k].SourceIndex;
            Assert.Equal(expected ? VerdictKind.True : VerdictKind.False, results[k].Kind);
        }
        Assert.Equal(calls.Count, progress.Max());
    }

    [Fact]
    public async Task Cross_product_is_source_major()
    {
        var sources = new[] { "def evaluate(r):\n    return r == 'a'\n", "def evaluate(r):\n    return r == 'b'\n" };
        var results = await _sandbox.EvaluateAsync(VerifierBatch.CrossProduct(sources, ["a", "b", "c"]));

        Assert.Equal(
            [VerdictKind.True, VerdictKind.False, VerdictKind.False, VerdictKind.False, VerdictKind.True, VerdictKind.False],
            results.Select(r => r.Kind));
    }

    [Fact]
    public async Task Printed_output_is_captured_capped_and_kept_out_of_the_protocol()
    {
        const string source = "import sys\ndef evaluate(response):\n    print('checking', response)\n    sys.stderr.write('warn\\n')\n    print('{\"j\": 1, \"end\": true}')\n    return True\n";

        var result = await _sandbox.EvaluateAsync(source, "abc");

        Assert.Equal(VerdictKind.True, result.Kind);
        Assert.Contains("checking abc", result.Detail, StringComparison.Ordinal);
        Assert.Contains("warn", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_call_gets_a_fresh_module_namespace()
    {
        const string source = "calls = []\ndef evaluate(response):\n    calls.append(response)\n    return len(calls) == 1\n";

        var results = await _sandbox.EvaluateAsync(VerifierBatch.CrossProduct([source], ["a", "b", "c", "d"]));

        Assert.All(results, r => Assert.Equal(VerdictKind.True, r.Kind));
    }

    [Fact]
    public async Task Worker_environment_carries_no_app_variables()
    {
        Environment.SetEnvironmentVariable("AUTOIF_TEST_SECRET_KEY", "sk-do-not-leak");
        const string source = "import os\ndef evaluate(response):\n    return 'AUTOIF_TEST_SECRET_KEY' not in os.environ and set(os.environ) <= {'PATH', 'LANG', 'PWD'}\n";

        var result = await _sandbox.EvaluateAsync(source, "");

        Assert.Equal(VerdictKind.True, result.Kind);
    }

    [Theory]
    [InlineData("def evaluate(response):\n    return True\n", CompileStatus.Ok)]
    [InlineData("import re\ndef helper(x):\n    return x\nevaluate = lambda r: helper(r) == r\n", CompileStatus.Ok)]
    [InlineData("def evaluate(response)\n    return True\n", CompileStatus.SyntaxError)]
    [InlineData("def check(response):\n    return True\n", CompileStatus.MissingEvaluate)]
    [InlineData("evaluate = 42\n", CompileStatus.NotCallable)]
    [InlineData("import not_a_module_xyz\ndef evaluate(response):\n    return True\n", CompileStatus.Failed)]
    [InlineData("while True:\n    pass\n", CompileStatus.Failed)]
    public async Task Compile_check_reports_status(string source, CompileStatus expected)
    {
        var result = await _sandbox.CompileAsync(source);

        Assert.Equal(expected, result.Status);
        Assert.Equal(expected == CompileStatus.Ok, result.Error is null);
    }

    [Fact]
    public async Task Compile_check_of_many_sources_is_aligned()
    {
        var sources = Enumerable.Range(0, 100)
            .Select(n => n % 2 == 0 ? $"def evaluate(r):\n    return {n}\n" : $"def evaluate(r) {n}\n")
            .ToList();

        var results = await _sandbox.CompileAsync(sources);

        for (var n = 0; n < sources.Count; n++)
        {
            Assert.Equal(n % 2 == 0 ? CompileStatus.Ok : CompileStatus.SyntaxError, results[n].Status);
        }
    }

    [Fact]
    public async Task Health_check_reports_an_active_bubblewrap_sandbox_as_the_unprivileged_user()
    {
        var health = await _sandbox.CheckHealthAsync();

        Assert.True(health.CanRunVerifiers, health.Message);
        Assert.True(health.Sandboxed);
        Assert.False(health.ShowUnsandboxedWarning);
        Assert.Equal(65534, health.WorkerUid);
        Assert.StartsWith("3.", health.PythonVersion, StringComparison.Ordinal);
        Assert.Same(health, _sandbox.LastHealth);
    }

    private static string PythonLiteral(string text)
    {
        var builder = new System.Text.StringBuilder("'");
        foreach (var rune in text.EnumerateRunes())
        {
            builder.Append(rune.Value < 128 && rune.Value >= 32 && rune.Value != '\'' && rune.Value != '\\'
                ? ((char)rune.Value).ToString()
                : $"\\U{rune.Value:x8}");
        }
        return builder.Append('\'').ToString();
    }

    private sealed class SynchronousProgress(List<int> values) : IProgress<int>
    {
        public void Report(int value)
        {
            lock (values)
            {
                values.Add(value);
            }
        }
    }
}
