using Platform.Files;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddFilesServices();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapFilesApi();

app.Run();
