namespace CertMesh.Domain.Authorization;

/// <summary>What a caller asks to do, in kubectl's words. <c>get</c> on a Secret means reading its key material.</summary>
public static class Verbs
{
    public const string Get = "get";
    public const string List = "list";
    public const string Apply = "apply";
    public const string Renew = "renew";
    public const string Delete = "delete";
    public const string Approve = "approve";
    public const string Use = "use";

    public static readonly IReadOnlyList<string> All = [Get, List, Apply, Renew, Delete, Approve, Use];
}
