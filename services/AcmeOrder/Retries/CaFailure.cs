using CertMesh.Acme.Problems;

namespace CertMesh.AcmeOrder.Retries;

/// <summary>
/// What went wrong talking to the CA, reduced to what decides the next step: the CA's own words (they end up in
/// conditions and events, so users see what Let's Encrypt said), and whether asking again soon can help — as the
/// shared <see cref="AcmeFailureClassifier"/> decides. Anything else is a bug or a database problem and propagates
/// to the bus retry.
/// </summary>
internal sealed record CaFailure(string Detail, bool Transient, TimeSpan? RetryAfter)
{
    /// <returns>null when <paramref name="exception"/> did not come from the exchange with the CA.</returns>
    public static CaFailure? From(Exception exception, CancellationToken cancellationToken = default)
    {
        if (AcmeFailureClassifier.Classify(exception, cancellationToken) is not { } kind)
            return null;
        var transient = kind == AcmeFailureKind.Transient;
        return exception is AcmeProblemException problem
            ? new CaFailure(Describe(problem.Problem), transient, problem.RetryAfter)
            : new CaFailure(exception.Message, transient, null);
    }

    /// <summary>The detail, plus the per-identifier details Let's Encrypt puts in subproblems (which name was refused).</summary>
    static string Describe(AcmeProblem problem)
    {
        var detail = string.IsNullOrEmpty(problem.Detail) ? problem.Type : problem.Detail;
        var sub = problem.Subproblems.Where(s => !string.IsNullOrEmpty(s.Detail)).Select(s => s.Detail).ToList();
        return sub.Count == 0 ? detail : $"{detail} ({string.Join("; ", sub)})";
    }
}
