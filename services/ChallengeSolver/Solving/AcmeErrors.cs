using CertMesh.Acme.Problems;
using CertMesh.ChallengeSolver.Challenges;

namespace CertMesh.ChallengeSolver.Solving;

/// <summary>
/// What a failure talking to the CA means for a challenge. Whether it is worth another try is the shared
/// <see cref="AcmeFailureClassifier"/>'s call, the same one AcmeOrder goes by (transient ones are retried by the
/// worker, see <see cref="Transient"/>). A final one ends the challenge as cert-manager words it: an authorization
/// that became invalid is the CA's verdict; <c>malformed</c> means the authorization is gone (expired); any other
/// final answer is an error.
/// </summary>
internal static class AcmeErrors
{
    /// <returns>the final outcome, or null when the failure is transient or did not come from the CA.</returns>
    public static ChallengeOutcome? Final(Exception exception, string doing)
    {
        if (AcmeFailureClassifier.Classify(exception) != AcmeFailureKind.Final)
            return null;
        if (exception is not AcmeProblemException problem)
            return ChallengeOutcome.Errored($"Error {doing}: {exception.Message}");
        var detail = problem.Detail ?? problem.Message;
        if (problem.StatusCode is null)
            return ChallengeOutcome.Invalid(detail); // the authorization ended invalid: the problem is the CA's own detail
        return problem.Type == AcmeProblemTypes.Malformed
            ? ChallengeOutcome.Expired($"Error {doing}: {detail}")
            : ChallengeOutcome.Errored($"Error {doing}: {detail}");
    }
}
