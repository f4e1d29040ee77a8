namespace CertMesh.Hosting.Bus;

/// <summary>
/// The header in which the Api says which of its principals a command is for. It is a claim, not a proof: a consumer
/// believes it only when the broker-verified sender is a system user (the Api itself), and otherwise names the sender.
/// </summary>
public static class RequestedBy
{
    public const string Header = "CertMesh-Requested-By";
}
