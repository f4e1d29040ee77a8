using CertMesh.Acme.Problems;
using CertMesh.ChallengeSolver.Challenges;

namespace CertMesh.ChallengeSolver.Solving;

/// <summary>
/// Which ACME errors end a challenge and which are worth another try, as cert-manager decides: an authorization
/// that became invalid is the CA's verdict; <c>malformed</c> means the authorization is gone (expired); other
/// client errors will not get better; server errors, rate limits and nonce trouble will.
/// </summary>
internal static class AcmeErrors
{
    /// <returns>the final outcome, or null when the operation should be retried later.</returns>
    public static ChallengeOutcome? Final(AcmeProblemException exception, string doing)
    {
        var detail = exception.Detail ?? exception.Message;
        if (exception.StatusCode is null)
            return ChallengeOutcome.Invalid(detail); // the authorization ended invalid: the problem is the CA's own detail
        var status = (int)exception.StatusCode;
        if (status >= 500 || exception.Problem.Is("rateLimited") || exception.Problem.Is("badNonce"))
            return null;
        if (exception.Problem.Is("malformed"))
            return ChallengeOutcome.Expired($"Error {doing}: {detail}");
        return status >= 400 ? ChallengeOutcome.Errored($"Error {doing}: {detail}") : null;
    }
}
