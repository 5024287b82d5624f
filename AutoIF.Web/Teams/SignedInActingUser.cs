using AutoIF.Web.UseCases;

namespace AutoIF.Web.Teams;

/// <summary>
/// The pages' and the HTTP API's acting user: the circuit's (for an API request, the request's: see
/// <see cref="Apis.RunsApi"/>) signed-in user, the same name a review is recorded under; single-user mode's stand-in
/// is named Reviews:ReviewerName.
/// </summary>
public sealed class SignedInActingUser(CurrentReviewer? reviewer = null) : IActingUser
{
    public const string Unknown = "unknown";

    public async Task<string> NameAsync() => reviewer is null ? Unknown : await reviewer.NameAsync() ?? Unknown;
}
