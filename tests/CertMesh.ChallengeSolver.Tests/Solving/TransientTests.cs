using System.Net;
using CertMesh.Acme.Problems;
using CertMesh.ChallengeSolver.Solving;
using Npgsql;

namespace CertMesh.ChallengeSolver.Tests.Solving;

/// <summary>What the worker retries while keeping the slot: the shared classifier's transient CA failures, plus its own kinds.</summary>
public sealed class TransientTests
{
    static readonly Dictionary<string, Func<Exception>> Failures = new()
    {
        ["badNonce outliving the client's retries"] = () => Problem(HttpStatusCode.BadRequest, AcmeProblemTypes.BadNonce),
        ["5xx"] = () => Problem(HttpStatusCode.BadGateway, "about:blank"),
        ["rateLimited"] = () => Problem(HttpStatusCode.TooManyRequests, AcmeProblemTypes.RateLimited),
        ["CA unreachable"] = () => new AcmeException("ACME POST https://ca.test/chall/1 failed", new HttpRequestException("Connection refused")),
        ["CA too slow"] = () => new TimeoutException("ACME POST https://ca.test/chall/1 took longer than 00:00:30."),
        ["edge HTTP timeout"] = () => new TaskCanceledException("HttpClient.Timeout", new TimeoutException()),
        ["edge connection reset"] = () => new IOException("Connection reset by peer"),
        ["database"] = () => new NpgsqlException("connection lost"),
        ["unauthorized"] = () => Problem(HttpStatusCode.Forbidden, AcmeProblemTypes.Unauthorized),
        ["CA broke the protocol"] = () => new AcmeException("The CA answered https://ca.test/authz/1 with an empty body."),
        ["a bug"] = () => new InvalidOperationException("Sequence contains no elements"),
    };

    [Theory]
    [InlineData("badNonce outliving the client's retries", true)]
    [InlineData("5xx", true)]
    [InlineData("rateLimited", true)]
    [InlineData("CA unreachable", true)]
    [InlineData("CA too slow", true)]
    [InlineData("edge HTTP timeout", true)]
    [InlineData("edge connection reset", true)]
    [InlineData("database", true)]
    [InlineData("unauthorized", false)]
    [InlineData("CA broke the protocol", false)]
    [InlineData("a bug", false)]
    public void Is_FailureKind_RetriedOnlyWhenItMayPass(string failure, bool expected)
    {
        Assert.Equal(expected, Transient.Is(Failures[failure](), CancellationToken.None));
    }

    [Fact]
    public void Is_OwnShutdown_NotRetried()
    {
        using var stopping = new CancellationTokenSource();
        stopping.Cancel();

        Assert.False(Transient.Is(new TaskCanceledException("stopping", null, stopping.Token), stopping.Token));
    }

    static AcmeProblemException Problem(HttpStatusCode status, string type) =>
        new(new AcmeProblem { Type = type, Detail = "detail" }, status);
}
