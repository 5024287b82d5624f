using AutoIF.Core.Rewards;

namespace AutoIF.Tests.Rewards;

public class OpenRlhfQueryTests
{
    private const string Prompt = "<|im_start|>user\nWrite a haiku.<|im_end|>\n<|im_start|>assistant\n";

    [Theory]
    [InlineData(Prompt + "Rain on the roof<|im_end|>", "Rain on the roof")]
    [InlineData(Prompt + "Rain on the roof<|im_end|>\n<|endoftext|>", "Rain on the roof")]
    [InlineData(Prompt + "Rain on the roof<|eot_id|>", "Rain on the roof")]
    [InlineData(Prompt + "Rain on the roof</s></s>", "Rain on the roof")]
    [InlineData(Prompt + "Rain <|im_end|> on the roof", "Rain <|im_end|> on the roof")]
    [InlineData(Prompt + "Rain on the roof", "Rain on the roof")]
    [InlineData("Rain on the roof<|im_end|>", "Rain on the roof")]
    public void The_prompt_prefix_and_trailing_end_of_turn_tokens_are_removed(string query, string response) =>
        Assert.Equal(response, OpenRlhfQuery.Response(query, Prompt));
}
