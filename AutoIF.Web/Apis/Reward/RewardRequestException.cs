namespace AutoIF.Web.Apis.Reward;

/// <summary>A reward request refused as a whole, with what and where (e.g. <c>labels[3]: not a string</c>).</summary>
public sealed class RewardRequestException(string message, int statusCode = StatusCodes.Status400BadRequest) : Exception(message)
{
    public int StatusCode { get; } = statusCode;
}
