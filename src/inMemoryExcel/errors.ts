// Errors shaped like OfficeExtension.Error (the object `context.sync()` rejects with):
// `name`, `code`, `message`, `debugInfo` {code, message, errorLocation}, `traceMessages`, `innerError`.
// [doc: learn.microsoft.com/javascript/api/office/officeextension.error]

export type ErrorCode =
  | 'PropertyNotLoaded'
  | 'InvalidArgument'
  | 'InvalidOperation'
  | 'InvalidSelection'
  | 'InvalidReference'
  | 'ItemNotFound'
  | 'ItemAlreadyExists'
  | 'NotImplemented'
  | 'GeneralException'
  | 'RequestPayloadSizeLimitExceeded'
  | 'ResponsePayloadSizeLimitExceeded'
  // Excel.ErrorCodes.apiNotFound (@types/office-js; office.js's CoreErrorCodes.apiNotFound).
  | 'ApiNotFound'
  // Excel-specific codes [doc: application-specific-api-error-handling.md, "Excel-specific error codes"].
  | 'AccessDenied'
  | 'InvalidOperationInCellEditMode'
  | 'OperationCellsExceedLimit'
  | 'NonBlankCellOffSheet'
  | 'EmptyChartSeries';

export interface DebugInfo {
  code: string;
  message: string;
  errorLocation?: string;
}

export class InMemoryExcelError extends Error {
  readonly code: ErrorCode;
  readonly debugInfo: DebugInfo;
  readonly traceMessages: string[] = [];
  readonly innerError: Error | null = null;
  readonly httpStatusCode: number;

  constructor(code: ErrorCode, message: string, errorLocation?: string) {
    super(message);
    // Office.js errors from the host are named "RichApi.Error" (see the InvalidSelection error
    // quoted in office-js-docs-pr#2477).
    this.name = 'RichApi.Error';
    this.code = code;
    this.debugInfo = { code, message, ...(errorLocation ? { errorLocation } : {}) };
    this.httpStatusCode = code === 'PropertyNotLoaded' ? 400 : code === 'ItemNotFound' ? 404 : 400;
  }
}

export function propertyNotLoaded(typeName: string, prop: string): InMemoryExcelError {
  // Message text copied in spirit from office.js ResourceStrings.PropertyNotLoaded.
  return new InMemoryExcelError(
    'PropertyNotLoaded',
    `The property '${prop}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
    `${typeName}.${prop}`,
  );
}

export function notImplemented(typeName: string, member: string): InMemoryExcelError {
  return new InMemoryExcelError('NotImplemented', `not implemented: ${typeName}.${member}`, `${typeName}.${member}`);
}

export function invalidArgument(where: string, detail: string): InMemoryExcelError {
  return new InMemoryExcelError('InvalidArgument', `The argument is invalid or missing or has an incorrect format. (${detail})`, where);
}

export function itemNotFound(where: string, detail: string): InMemoryExcelError {
  return new InMemoryExcelError('ItemNotFound', `The requested resource doesn't exist. (${detail})`, where);
}

export function invalidOperation(where: string, detail: string): InMemoryExcelError {
  return new InMemoryExcelError('InvalidOperation', `The operation is invalid for the object. (${detail})`, where);
}

/**
 * A member newer than the host's ExcelApi version: office.js (always the newest) queues it and the request
 * fails with ApiNotFound, "The method or property {0} is part of the {1} requirement set, which is not
 * available in your version of {2}." (office.js ApiNotFoundDetails, excel-web-16.00.debug.js).
 */
export function apiNotFound(member: string, version: string): InMemoryExcelError {
  return new InMemoryExcelError('ApiNotFound', `The method or property ${member} is part of the ExcelApi ${version} requirement set, which is not available in your version of Excel.`, member);
}
