export { ErrorMessage, type ErrorMessageProps } from "./ErrorMessage";
export { errorText, type ErrorText } from "./errorText";
