// The domain model (items, stages, statuses, run settings) is the vocabulary of every part of Core, so every file has
// it. Only the domain: what a file takes from storage, EF Core, the model gateway or the sandbox stays in its own usings.
// Core only: AutoIF.Web keeps its usings per file, and its components stay off entities and storage (_Imports.razor).
global using AutoIF.Core.Domain;
