using Microsoft.Extensions.Primitives;

namespace CertMesh.Edge.Challenges;

/// <summary>
/// Answers <c>/.well-known/acme-challenge/{token}</c> before routing, the proxy or anything else runs: 200 with
/// exactly the key authorization, or 404 with an empty body. Nothing under that path is ever forwarded, listed or
/// explained. The hit path allocates nothing but what Kestrel itself needs, and logs nothing.
/// </summary>
internal sealed class ChallengeResponder(RequestDelegate next, TokenCache cache, TokenLookup tokenLookup, EdgeOptions options)
{
    const string Prefix = "/.well-known/acme-challenge/";
    static readonly StringValues TextPlain = new("text/plain");
    static readonly StringValues NoStore = new("no-store");
    readonly TokenLookup? lookup = options.MissLookup ? tokenLookup : null;

    public Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path.Value;
        if (path is null || !path.StartsWith(Prefix, StringComparison.Ordinal))
            return next(context);

        var request = context.Request;
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method))
            return NotFound(context.Response);
        var token = path.AsSpan(Prefix.Length);
        if (cache.TryGet(token, out var answer))
            return Answer(context, answer);
        if (lookup is null || !TokenLookup.IsWellFormed(token))
            return NotFound(context.Response);
        return AnswerFromDatabaseAsync(context, token.ToString());
    }

    async Task AnswerFromDatabaseAsync(HttpContext context, string token)
    {
        var answer = await lookup!.FindAsync(token, context.RequestAborted);
        await (answer is null ? NotFound(context.Response) : Answer(context, answer));
    }

    static Task Answer(HttpContext context, byte[] answer)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        var headers = response.Headers;
        headers.ContentType = TextPlain;
        headers.CacheControl = NoStore;
        headers.ContentLength = answer.Length;
        return HttpMethods.IsHead(context.Request.Method) ? Task.CompletedTask : response.Body.WriteAsync(answer, 0, answer.Length);
    }

    static Task NotFound(HttpResponse response)
    {
        response.StatusCode = StatusCodes.Status404NotFound;
        response.Headers.CacheControl = NoStore;
        response.Headers.ContentLength = 0;
        return Task.CompletedTask;
    }
}
