using System.Net;
using CertMesh.Acme.Problems;
using CertMesh.ChallengeSolver.Challenges;
using CertMesh.ChallengeSolver.Solving;
using CertMesh.Domain.Resources;

namespace CertMesh.ChallengeSolver.Tests.Solving;

/// <summary>
/// The shared classifier's verdict as a challenge's outcome: transient failures are left to the worker's retry
/// (null), final ones end the challenge as cert-manager words it.
/// </summary>
public sealed class AcmeErrorsTests
{
    [Theory]
    [InlineData(null, "connection", ChallengeStates.Invalid, "Connection refused")]
    [InlineData(404, "malformed", ChallengeStates.Expired, "Error retrieving the authorization: Connection refused")]
    [InlineData(403, "unauthorized", ChallengeStates.Errored, "Error retrieving the authorization: Connection refused")]
    [InlineData(400, "rejectedIdentifier", ChallengeStates.Errored, "Error retrieving the authorization: Connection refused")]
    [InlineData(400, "badNonce", null, null)]
    [InlineData(500, "serverInternal", null, null)]
    [InlineData(429, "rateLimited", null, null)]
    [InlineData(403, "orderNotReady", null, null)]
    public void Final_CaProblem_OutcomeOnlyWhenFinal(int? status, string type, string? state, string? message)
    {
        var problem = new AcmeProblemException(
            new AcmeProblem { Type = AcmeProblemTypes.Prefix + type, Detail = "Connection refused" }, (HttpStatusCode?)status);

        var outcome = AcmeErrors.Final(problem, "retrieving the authorization");

        Assert.Equal((state, message), (outcome?.State, outcome?.Message));
    }

    [Fact]
    public void Final_RetryAfterOnAClientError_LeftToTheRetry()
    {
        var problem = new AcmeProblemException(new AcmeProblem { Type = "about:blank" }, HttpStatusCode.BadRequest, TimeSpan.FromSeconds(5));

        Assert.Null(AcmeErrors.Final(problem, "accepting the challenge"));
    }

    [Fact]
    public void Final_CaBrokeTheProtocol_Errored()
    {
        var outcome = AcmeErrors.Final(new AcmeException("The CA answered https://ca.test/authz/1 with an empty body."), "retrieving the authorization");

        Assert.Equal(ChallengeOutcome.Errored("Error retrieving the authorization: The CA answered https://ca.test/authz/1 with an empty body."), outcome);
    }

    [Fact]
    public void Final_CaUnreachable_LeftToTheRetry()
    {
        Assert.Null(AcmeErrors.Final(new AcmeException("ACME POST https://ca.test/chall/1 failed", new HttpRequestException("Connection refused")), "accepting the challenge"));
        Assert.Null(AcmeErrors.Final(new TimeoutException("slow"), "accepting the challenge"));
    }
}
