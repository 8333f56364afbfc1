/** The body of `POST /chat`: the prompt for one agent in one session. */
export interface ChatRequestBody {
  sid: string;
  prompt: string;
  agent: string;
}
