using AutoIF.Core.Rewards;

namespace AutoIF.Tests.Rewards;

public class RewardLabelTests
{
    [Fact]
    public void A_label_reads_back_what_it_writes()
    {
        var label = new RewardLabel("my run", 42, [7, 9]);

        var json = label.ToJson();
        var read = RewardLabel.Parse(json);

        Assert.Equal("""{"run":"my run","prompt_id":42,"instruction_ids":[7,9]}""", json);
        Assert.Equal((label.Run, label.PromptId), (read.Run, read.PromptId));
        Assert.Equal(label.InstructionIds, read.InstructionIds);
    }

    [Theory]
    [InlineData("""{"prompt_id":1,"instruction_ids":[1]}""", "no \"run\" name")]
    [InlineData("""{"run":"r","prompt_id":"1","instruction_ids":[1]}""", "no \"prompt_id\" (an integer)")]
    [InlineData("""{"run":"r","prompt_id":1,"instruction_ids":"1"}""", "no \"instruction_ids\" (a list of integers)")]
    [InlineData("""{"run":"r","prompt_id":1,"instruction_ids":[1.5]}""", "must hold integers only")]
    [InlineData("""["r",1,[1]]""", "must be a JSON object")]
    [InlineData("""{"run":""", "not a JSON label")]
    public void A_malformed_label_is_refused_with_what_is_wrong(string json, string message) =>
        Assert.Contains(message, Assert.Throws<RewardLabelException>(() => RewardLabel.Parse(json)).Message, StringComparison.Ordinal);
}
