using System.Globalization;
using System.Text;

namespace AutoIF.Bench;

/// <summary>Deterministic verifier functions and responses shaped like AutoIF data: counts, regexes, JSON, keywords.</summary>
internal static class VerifierWorkload
{
    private static readonly string[] Words =
    [
        "the", "model", "answer", "should", "follow", "instruction", "carefully", "data", "python", "function",
        "response", "format", "letter", "sentence", "paragraph", "keyword", "summary", "travel", "history", "science",
        "music", "garden", "coffee", "river", "mountain", "energy", "policy", "market", "health", "school",
        "quickly", "simple", "bright", "ancient", "modern", "quiet", "golden", "rapid", "gentle", "honest",
    ];

    public static List<string> Functions()
    {
        var functions = new List<string>();
        foreach (var n in new[] { 50, 100, 150, 200, 300, 400 })
        {
            functions.Add($"def evaluate(response):\n    return len(response.split()) < {n}\n");
            functions.Add($"def evaluate(response):\n    words = response.split()\n    return len(words) >= {n / 2}\n");
        }
        foreach (var n in new[] { 3, 5, 8, 12, 20 })
        {
            functions.Add($"import re\n\ndef count_sentences(text):\n    return len([s for s in re.split(r'[.!?]+', text) if s.strip()])\n\ndef evaluate(response):\n    return count_sentences(response) <= {n}\n");
        }
        foreach (var (letter, n) in new[] { ("e", 40), ("a", 30), ("z", 1), ("q", 0), ("o", 25), ("t", 50) })
        {
            functions.Add($"def evaluate(response):\n    return response.lower().count('{letter}') <= {n}\n");
        }
        foreach (var keyword in new[] { "python", "river", "coffee", "policy", "garden", "music" })
        {
            functions.Add($"import re\ndef evaluate(response):\n    return len(re.findall(r'\\b{keyword}\\b', response, re.IGNORECASE)) >= 2\n");
        }
        foreach (var keyword in new[] { "ancient", "market", "honest" })
        {
            functions.Add($"def evaluate(response):\n    return '{keyword}' not in response.lower()\n");
        }
        foreach (var key in new[] { "answer", "title", "items" })
        {
            functions.Add($"import json\n\ndef evaluate(response):\n    try:\n        data = json.loads(response)\n    except ValueError:\n        return False\n    return isinstance(data, dict) and '{key}' in data\n");
        }
        functions.Add("import re\ndef evaluate(response):\n    return re.search(r'\\d', response) is None\n");
        functions.Add("def evaluate(response):\n    return response == response.lower()\n");
        functions.Add("def evaluate(response):\n    return response.strip().endswith(('.', '!', '?'))\n");
        functions.Add("def evaluate(response):\n    return response[:1].isupper()\n");
        functions.Add("def evaluate(response):\n    return ',' not in response\n");
        functions.Add("import re\ndef evaluate(response):\n    return re.search(r'<<[^>]+>>', response) is not None\n");
        functions.Add("def evaluate(response):\n    return response.rstrip().split('\\n')[-1].startswith('P.S.')\n");
        functions.Add("def evaluate(response):\n    bullets = [line for line in response.split('\\n') if line.strip().startswith('* ')]\n    return len(bullets) == 3\n");
        functions.Add("import re\ndef evaluate(response):\n    return len(re.findall(r'\\[[^\\]]+\\]', response)) >= 1\n");
        functions.Add("def evaluate(response):\n    paragraphs = [p for p in response.split('\\n\\n') if p.strip()]\n    return len(paragraphs) == 2\n");
        functions.Add("def evaluate(response):\n    caps = [w for w in response.split() if w.isupper() and len(w) > 1]\n    return len(caps) < 4\n");
        functions.Add("import re\ndef evaluate(response):\n    return len(re.findall(r'\\*[^*\\n]+\\*', response)) >= 2\n");
        functions.Add("from collections import Counter\n\ndef evaluate(response):\n    counts = Counter(w.lower().strip('.,!?') for w in response.split())\n    return not counts or counts.most_common(1)[0][1] <= 10\n");
        functions.Add("import string\ndef evaluate(response):\n    return sum(1 for c in response if c in string.punctuation) <= 30\n");
        functions.Add("def evaluate(response):\n    words = response.split()\n    return bool(words) and sum(len(w) for w in words) / len(words) > 4.5\n");
        functions.Add("import re\n\ndef evaluate(response):\n    sentences = [s for s in re.split(r'(?<=[.!?])\\s+', response) if s]\n    return all(len(s.split()) <= 25 for s in sentences)\n");
        return functions;
    }

    public static List<string> Responses(int count)
    {
        var random = new Random(20_240_611);
        var responses = new List<string>(count);
        for (var n = 0; n < count; n++)
        {
            var length = random.Next(50, 2001);
            responses.Add((n % 10) switch
            {
                0 => JsonResponse(random, length),
                1 => BulletResponse(random, length),
                _ => ProseResponse(random, length),
            });
        }
        return responses;
    }

    private static string ProseResponse(Random random, int length)
    {
        var builder = new StringBuilder();
        if (random.Next(4) == 0)
        {
            builder.Append("<<").Append(Capitalise(Words[random.Next(Words.Length)])).Append(">>\n\n");
        }
        var sentenceWords = 0;
        while (builder.Length < length)
        {
            var word = Words[random.Next(Words.Length)];
            if (random.Next(40) == 0)
            {
                word = word.ToUpperInvariant();
            }
            else if (random.Next(50) == 0)
            {
                word = $"*{word}*";
            }
            else if (random.Next(60) == 0)
            {
                word = $"[{word}]";
            }
            else if (random.Next(70) == 0)
            {
                word = random.Next(100).ToString(CultureInfo.InvariantCulture);
            }
            builder.Append(sentenceWords == 0 ? Capitalise(word) : word);
            sentenceWords++;
            if (sentenceWords > 4 && random.Next(10) == 0)
            {
                builder.Append(".!?"[random.Next(3)]);
                builder.Append(random.Next(12) == 0 ? "\n\n" : " ");
                sentenceWords = 0;
            }
            else
            {
                builder.Append(random.Next(15) == 0 ? ", " : " ");
            }
        }
        var text = builder.ToString(0, Math.Min(builder.Length, length)).TrimEnd();
        return random.Next(5) == 0 ? text + "\nP.S. " + Words[random.Next(Words.Length)] : text;
    }

    private static string BulletResponse(Random random, int length)
    {
        var builder = new StringBuilder("Here are the points:\n");
        var bullets = random.Next(2, 5);
        var each = Math.Max(20, length / bullets);
        for (var b = 0; b < bullets; b++)
        {
            builder.Append("* ").Append(ProseResponse(random, each).Replace('\n', ' ')).Append('\n');
        }
        return builder.ToString();
    }

    private static string JsonResponse(Random random, int length)
    {
        var key = new[] { "answer", "title", "items", "text" }[random.Next(4)];
        var body = ProseResponse(random, Math.Max(10, length - 40)).Replace("\\", "", StringComparison.Ordinal)
            .Replace("\"", "'", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
        return $"{{\"{key}\": \"{body}\", \"n\": {random.Next(1000)}}}";
    }

    private static string Capitalise(string word) => word.Length == 0 ? word : char.ToUpperInvariant(word[0]) + word[1..];
}
