using System.Buffers;
using Microsoft.AspNetCore.Http.Features;

namespace CertMesh.Api.Limits;

/// <summary>
/// No request body larger than <see cref="MaxRequestBodyBytes"/> (Kubernetes' API server default, 3 MiB) is read. A declared
/// Content-Length over it is refused before any byte is read, on every endpoint; a chunked body is read up to the
/// limit and no further. Either way the answer is 413 as a Kubernetes <c>Status</c>, naming the limit.
/// </summary>
internal static class RequestBodyLimit
{
    public const long MaxRequestBodyBytes = 3 * 1024 * 1024;

    /// <summary>Kestrel's own cap, a backstop for any endpoint that reads a body some other way: it counts a chunked
    /// body's framing too (a body just under the limit sent in small chunks goes over it), so it sits a little higher
    /// and <see cref="ReadTextAsync"/> checks the exact limit.</summary>
    public const long KestrelBackstopBytes = MaxRequestBodyBytes + 1024 * 1024;

    /// <summary>The middleware: refuses a declared oversize body, and caps what any endpoint can read (Kestrel throws past it).</summary>
    public static void UseRequestBodyLimit(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.Request.ContentLength > MaxRequestBodyBytes)
        {
            await TooLarge(context.Request.ContentLength.Value).ExecuteAsync(context);
            return;
        }
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
            feature.MaxRequestBodySize = KestrelBackstopBytes;
        await next(context);
    });

    /// <summary>The whole body as text (UTF-8 unless a byte order mark says otherwise), or null when it is larger than
    /// <see cref="MaxRequestBodyBytes"/>: at most that much is read and held.</summary>
    public static async Task<string?> ReadTextAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxRequestBodyBytes)
            return null;
        using var body = new MemoryStream((int)Math.Min(request.ContentLength ?? 64 * 1024, MaxRequestBodyBytes));
        var chunk = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (body.Length + read > MaxRequestBodyBytes)
                    return null;
                body.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return null; // Kestrel's backstop was hit first (a body in tiny chunks)
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
        body.Position = 0;
        using var reader = new StreamReader(body);
        return await reader.ReadToEndAsync(cancellationToken);
    }

    /// <summary>413 as Kubernetes answers it (reason <c>RequestEntityTooLarge</c>). The connection is closed rather than
    /// drained: the rest of a hostile body is never read.</summary>
    public static IResult TooLarge(long? declaredBytes = null)
    {
        var size = declaredBytes is { } bytes ? $"{bytes} bytes" : "more than that";
        return new ClosingResult(Results.Json(
            new
            {
                kind = "Status",
                status = "Failure",
                reason = "RequestEntityTooLarge",
                message = $"request body too large: at most {MaxRequestBodyBytes} bytes (3 MiB) are accepted, got {size} (limit {nameof(MaxRequestBodyBytes)})",
            },
            statusCode: StatusCodes.Status413PayloadTooLarge));
    }

    private sealed class ClosingResult(IResult inner) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.Connection = "close";
            return inner.ExecuteAsync(httpContext);
        }
    }
}
