using Meedenker.Web.Features.Shared;
using Meedenker.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Meedenker.Web.Features.Directory;

/// <summary>
/// Admin page: upload an HSDS 3.1 tabular data package (the zip of /api/hsds/export.zip). All or nothing: a
/// file with any problem is refused with every problem listed, and nothing changes.
/// </summary>
[Authorize(Policy = Policies.Admin)]
[RequestSizeLimit(MaxUploadBytes + 1024 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxUploadBytes + 1024 * 1024)]
public sealed class ImportHsdsModel(HsdsImporter importer, ReferenceData reference) : FormPageModel
{
    public const int MaxUploadBytes = 50 * 1024 * 1024;

    [BindProperty]
    public IFormFile? Upload { get; set; }

    public HsdsImportResult? Result { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        ModelState.Clear();
        if (Upload is null || Upload.Length == 0)
        {
            ModelState.AddModelError(nameof(Upload), Lang.Pick("Kies een zip-bestand om in te lezen.", "Choose a zip file to import."));
        }
        else if (Upload.Length > MaxUploadBytes)
        {
            ModelState.AddModelError(nameof(Upload), Lang.Pick("Het bestand is groter dan 50 MB. Gebruik voor grote bestanden de opdrachtregel (import-hsds).",
                "The file is larger than 50 MB. For large files use the command line (import-hsds)."));
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        await using var stream = Upload!.OpenReadStream();
        Result = await importer.ImportAsync(stream, cancellationToken);
        if (Result.Succeeded)
        {
            reference.Invalidate();
        }
        else
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        }
        return Page();
    }
}
