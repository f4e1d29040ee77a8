using CertMesh.ChallengeSolver.Challenges;
using CertMesh.ChallengeSolver.Tests.Support;

namespace CertMesh.ChallengeSolver.Tests.Challenges;

/// <summary>The Challenge made from a SolveChallenge carries its certificate's name, which its deletion looks it up by.</summary>
public sealed class NewChallengeTests
{
    [Fact]
    public void From_CertificateNamed_LabelsCertificateName()
    {
        var message = Messages.Solve("web-1-2-3", "web.example.test") with { OrderName = "web-1-2", CertificateName = "web" };

        var challenge = NewChallenge.From(message, DateTimeOffset.UnixEpoch);

        Assert.Equal(new Dictionary<string, string> { [NewChallenge.CertificateNameLabel] = "web" }, challenge.Metadata.Labels);
    }

    [Fact]
    public void From_SentBeforeCertificateName_HasNoLabels()
    {
        var challenge = NewChallenge.From(Messages.Solve("web-1-2-3", "web.example.test"), DateTimeOffset.UnixEpoch);

        Assert.Null(challenge.Metadata.Labels);
    }
}
